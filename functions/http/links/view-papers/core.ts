import { NotFoundError } from '../../../shared/domain/errors';
import { appendicesByItem, latestPapers, type AgendaItem, type Member, type Paper } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { PACK_HTML_PATH } from '../../../shared/documents/pack-html';
import { packHtmlKey } from '../../../shared/table/object-keys';

/**
 * What a path below the papers link asks for. The link takes no form fields: its one POST opens the
 * pack, so that opening it can be counted without counting the mail scanners that GET every link.
 */
export type PapersPath =
  { kind: 'list' } | { kind: 'pack' } | { kind: 'pack-html' } | { kind: 'paper'; item: number } | { kind: 'appendix'; item: number; version: number };

/** The sub-path of the papers link read as what it asks for; undefined when it names nothing. */
export function readPapersPath(rest: string): PapersPath | undefined {
  if (rest === '') return { kind: 'list' };
  if (rest === 'pack') return { kind: 'pack' };
  if (rest === PACK_HTML_PATH) return { kind: 'pack-html' };
  const paper = /^paper\/(\d+)$/.exec(rest);
  if (paper) return { kind: 'paper', item: Number(paper[1]) };
  const appendix = /^appendix\/(\d+)\/(\d+)$/.exec(rest);
  if (appendix) return { kind: 'appendix', item: Number(appendix[1]), version: Number(appendix[2]) };
  return undefined;
}

const DOWNLOAD_SECONDS = 5 * 60;

/** The agenda, each item's latest paper, and its appendices. */
export async function circulatedPapers(
  d: Pick<CoreDeps, 'cycles'>,
  cycleId: string,
): Promise<{ items: AgendaItem[]; latest: Map<number, Paper>; appendices: Map<number, Paper[]> }> {
  const [items, uploads] = await Promise.all([d.cycles.listItems(cycleId), d.cycles.listPapers(cycleId)]);
  return { items, latest: latestPapers(uploads), appendices: appendicesByItem(uploads) };
}

/**
 * Which pack a member gets: the members' pack, or (for a member whose interest withholds a confidential
 * item from them) the pack with exempt items withheld, whose other confidential papers stay on the page.
 */
export type PackChoice = 'members' | 'public';

function packOf(cycle: CycleContext, choice: PackChoice): { s3Key: string; fileName: string } {
  const packs = cycle.cycle.packs;
  if (!packs) throw new NotFoundError('The board pack is built when the papers are circulated; it is not ready yet.');
  const name = `${cycle.board.name} board pack ${cycle.cycle.meeting.date}`;
  return choice === 'members'
    ? { s3Key: packs.members.s3Key, fileName: `${name}.pdf` }
    : { s3Key: packs.public.s3Key, fileName: `${name} (confidential items withheld).pdf` };
}

/** A five-minute download of the members' pack, saved under our own file name. */
export async function packDownload(d: Pick<CoreDeps, 'documents'>, cycle: CycleContext, choice: PackChoice = 'members'): Promise<string> {
  const pack = packOf(cycle, choice);
  return d.documents.presignDownload(pack.s3Key, DOWNLOAD_SECONDS, pack.fileName);
}

/**
 * The members' pack as a web page (cover and agenda, for screen readers), stored when the pack was built:
 * whoever may open the members' pack may read it, and its links lead back through the same papers link.
 */
export async function packWebPage(d: Pick<CoreDeps, 'documents'>, cycle: CycleContext, choice: PackChoice = 'members'): Promise<string> {
  packOf(cycle, choice);
  try {
    return await d.documents.getText(packHtmlKey(cycle.cycle.cycleId, choice));
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    // A pack built before packs had a web page: the PDF is still there.
    throw new NotFoundError('This board pack has no web page; please open the PDF from the papers page.', { cause: error });
  }
}

/** Counts a member's opening of the pack for the secretariat, then gives the download. */
export async function openPack(
  d: Pick<CoreDeps, 'cycles' | 'documents' | 'clock'>,
  cycle: CycleContext,
  member: Member,
  choice: PackChoice = 'members',
): Promise<string> {
  const pack = packOf(cycle, choice);
  await d.cycles.recordPackOpened(cycle.cycle.cycleId, member.memberId, d.clock.now().toISOString());
  return d.documents.presignDownload(pack.s3Key, DOWNLOAD_SECONDS, pack.fileName);
}

/** A five-minute download of an item's latest paper, or of one of its appendices (by version). */
export async function fileDownload(d: Pick<CoreDeps, 'cycles' | 'documents'>, cycleId: string, file: { item: number; version?: number }): Promise<string> {
  const { latest, appendices } = await circulatedPapers(d, cycleId);
  if (file.version === undefined) {
    const paper = latest.get(file.item);
    if (!paper) throw new NotFoundError(`There is no paper for item ${file.item}.`);
    return d.documents.presignDownload(paper.s3Key, DOWNLOAD_SECONDS, paper.fileName);
  }
  const appendix = appendices.get(file.item)?.find((a) => a.version === file.version);
  if (!appendix) throw new NotFoundError(`There is no such appendix to item ${file.item}.`);
  return d.documents.presignDownload(appendix.s3Key, DOWNLOAD_SECONDS, appendix.fileName);
}
