import { INBOUND_FUNCTION, HTTP_FUNCTION, TASK_FUNCTIONS, type FunctionSpec } from '../../functions/catalog';
import { PREFIXES } from '../../functions/shared/table/object-keys';

/** One of object-keys.ts {@link PREFIXES}. */
export type DocumentPrefix = (typeof PREFIXES)[keyof typeof PREFIXES];

/** The prefixes of the documents bucket a function reads, and those it writes (directly or by presigned POST). */
export interface DocumentAccess {
  readonly read: readonly DocumentPrefix[];
  readonly write: readonly DocumentPrefix[];
}

const { papers, paperUploads, packs, minutes, minutesUploads, inbound } = PREFIXES;

/**
 * Which prefixes each function touches, read off its code (the keys it builds with object-keys.ts, or the
 * records' `s3Key`s it follows). The catalog's `needs.documents` says whether a function may touch the
 * bucket at all; this narrows it to prefixes, so a function that serves packs cannot read members' raw
 * replies. A function the catalog gives the bucket but whose code reads nothing gets nothing.
 */
export const DOCUMENT_ACCESS: Readonly<Record<string, DocumentAccess>> = {
  // Reads the checked papers, writes the packs (in parts: a failed upload is aborted under packs/).
  BuildBoardPack: { read: [papers], write: [packs] },
  // Rebuilds the packs when a late paper arrives, as BuildBoardPack does.
  SendSupplementaryCirculation: { read: [papers], write: [packs] },
  // The minutes version's Markdown (Minutes.s3Key).
  ExtractActions: { read: [minutes], write: [] },
  // The draft and the version before it, to show the chair what changed.
  WaitForChairApproval: { read: [minutes], write: [] },
  // Reads the approved version, writes its HTML and PDF, and the public copies.
  PublishMinutes: { read: [minutes], write: [minutes] },
  // Link pages: presigned POSTs into both upload prefixes, the checks that read them back, the checked
  // paper and the minutes draft written, and downloads of papers, packs and minutes. Never inbound/.
  Http: { read: [papers, paperUploads, packs, minutes, minutesUploads], write: [papers, paperUploads, minutes, minutesUploads] },
  // The raw message the receipt rule stored, and nothing else.
  InboundMail: { read: [inbound], write: [] },
  // CirculatePapers and WaitForMinutesDraft: the catalog allows the bucket, their code reads none of it.
  CirculatePapers: { read: [], write: [] },
  WaitForMinutesDraft: { read: [], write: [] },
};

/**
 * The access of `spec`, checked against its catalog entry: prefixes may narrow `needs.documents`, never
 * widen it (no prefix without the bucket, no write without `readWrite`). A function given the bucket by
 * the catalog but missing here fails the synth, so a new one cannot silently get everything or nothing.
 */
export function documentAccessOf(spec: FunctionSpec): DocumentAccess | undefined {
  const access = DOCUMENT_ACCESS[spec.id];
  if (!spec.needs.documents) {
    if (access && (access.read.length > 0 || access.write.length > 0))
      throw new Error(`${spec.id} has document prefixes but no needs.documents in functions/catalog.ts`);
    return undefined;
  }
  if (!access) throw new Error(`${spec.id} may use the documents bucket (functions/catalog.ts): name its prefixes in infra/constructs/document-access.ts`);
  if (access.write.length > 0 && spec.needs.documents !== 'readWrite')
    throw new Error(`${spec.id} writes documents, but functions/catalog.ts gives it read only`);
  return access.read.length > 0 || access.write.length > 0 ? access : undefined;
}

/** Every catalog function, for the tests' and the synth's exhaustive checks. */
export const CATALOG_FUNCTIONS: readonly FunctionSpec[] = [...TASK_FUNCTIONS, HTTP_FUNCTION, INBOUND_FUNCTION];
