import { recordAudit } from '../../../shared/services/audit';
import { randomBytes } from 'node:crypto';
import { NotFoundError, NotWaitingError, PaperTooLargeError, UploadRejectedError, ValidationError } from '../../../shared/domain/errors';
import { formatCalendarDate } from '../../../shared/domain/calendar';
import { draftMinutes, extractActions } from '../../../shared/domain/minutes';
import { proposeNextMeeting } from '../../../shared/domain/next-meeting';
import type { Member } from '../../../shared/domain/types';
import { formatBytes } from '../../../shared/documents/file-type';
import { minutesDocx, readMinutesText } from '../../../shared/documents/on-demand';
import { declarationLines } from '../../../shared/domain/interests';
import type { CoreDeps } from '../../../shared/ports';
import { decideWait } from '../../../shared/services/callbacks';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { loadMattersArising } from '../../../shared/services/matters-arising';
import { minutesDraftKey, minutesUploadKeyTemplate, minutesUploadPrefix } from '../../../shared/table/object-keys';
import * as z from '../../../shared/validation/zod';

/** The longest minutes the page or an upload may hold, in characters. */
export const MAX_MINUTES_CHARS = 200_000;

/** The minutes from the page, and whether to send them to the chair now or show the actions first. */
export const minutesForm = z.object({
  text: z
    .string()
    .check(
      z.trim(),
      z.minLength(20, 'the minutes are empty: write or paste them in'),
      z.maxLength(MAX_MINUTES_CHARS, `minutes are limited to ${MAX_MINUTES_CHARS.toLocaleString('en-GB')} characters`),
    ),
  step: z.pipe(
    z.optional(z.string()),
    z.transform((step: string | undefined) => (step === 'send' ? 'send' : 'review')),
  ),
});

/** Largest minutes document the secretariat may upload. */
export const MAX_MINUTES_UPLOAD_BYTES = 5 * 1024 * 1024;
/** The content type of a Word document (.docx). */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const UPLOAD_WINDOW_SECONDS = 15 * 60;

/**
 * The next meeting as far as it is known when the draft is written: a later cycle of the board already
 * planned, or the board's rhythm; the secretariat fills it in otherwise.
 */
async function knownNextMeeting(d: Pick<CoreDeps, 'cycles'>, ctx: CycleContext): Promise<string | undefined> {
  const { cycle, board } = ctx;
  const later = (await d.cycles.listCycles(board.boardId))
    .filter((x) => x.timeline.meeting > cycle.timeline.meeting && x.status !== 'cancelled' && x.status !== 'failed')
    .sort((a, b) => a.timeline.meeting.localeCompare(b.timeline.meeting))[0];
  if (later) return `${ctx.day(later.timeline.meeting)} at ${later.meeting.time}`;
  const proposed = proposeNextMeeting(null, board, cycle.meeting);
  return proposed ? `${formatCalendarDate(proposed.date)} at ${proposed.time}` : undefined;
}

/** The minutes as they stand: the last version saved (with the chair's comment on it), else a draft from the agenda. */
export async function startingText(
  d: Pick<CoreDeps, 'cycles' | 'actions' | 'documents' | 'clock' | 'interests'>,
  ctx: CycleContext,
): Promise<{ text: string; comment?: string }> {
  const latest = await d.cycles.latestMinutes(ctx.cycle.cycleId);
  if (latest) {
    return { text: await d.documents.getText(latest.s3Key), ...(latest.changeRequest ? { comment: latest.changeRequest.comment } : {}) };
  }
  const [items, arising, attendance, declared] = await Promise.all([
    d.cycles.listItems(ctx.cycle.cycleId),
    loadMattersArising(d, ctx.board, ctx.cycle),
    d.cycles.listAttendance(ctx.cycle.cycleId),
    d.interests.listDeclarations(ctx.cycle.cycleId),
  ]);
  const names = new Map(ctx.members.map((m) => [m.memberId, m.name]));
  const nextMeeting = await knownNextMeeting(d, ctx);
  return {
    text: draftMinutes({
      boardName: ctx.board.name,
      meetingWhen: ctx.when(ctx.cycle.timeline.meeting),
      venue: ctx.cycle.meeting.venue,
      members: ctx.members,
      apologies: attendance.filter((a) => a.status === 'apologies').map((a) => a.memberId),
      substitutes: new Map(attendance.flatMap((a) => (a.status === 'apologies' && a.substitute ? [[a.memberId, a.substitute] as const] : []))),
      items,
      mattersArising: arising,
      presenterName: (id) => (id ? names.get(id) : undefined),
      ...(nextMeeting ? { nextMeeting } : {}),
      declarations: declarationLines(declared, names, items),
      ...(ctx.cycle.attendanceRecord ? { attendance: ctx.cycle.attendanceRecord } : {}),
    }),
  };
}

/** "Minutes of Riverside Board, Tuesday 10 March 2026": the page's title and the Word document's. */
export const minutesTitle = (ctx: CycleContext): string => `Minutes of ${ctx.board.name}, ${ctx.day(ctx.cycle.timeline.meeting)}`;

/** "Riverside Board minutes 2026-03-10": a file name every system accepts, from the board's name. */
function exportName(ctx: CycleContext, extension: string): string {
  const board = ctx.board.name
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return `${board ? `${board} ` : ''}minutes ${ctx.cycle.meeting.date}${extension}`;
}

/** The minutes as they stand as a Word document or as Markdown, to edit elsewhere. */
export async function exportMinutes(
  d: Pick<CoreDeps, 'cycles' | 'actions' | 'documents' | 'clock' | 'interests'>,
  ctx: CycleContext,
  format: 'docx' | 'md',
): Promise<{ fileName: string; contentType: string; body: string | Uint8Array }> {
  const { text } = await startingText(d, ctx);
  if (format === 'md') return { fileName: exportName(ctx, '.md'), contentType: 'text/markdown; charset=utf-8', body: text };
  return { fileName: exportName(ctx, '.docx'), contentType: DOCX_TYPE, body: await minutesDocx(text, { title: minutesTitle(ctx) }) };
}

/** A presigned POST for an edited copy of the minutes, landing under the cycle's upload prefix by the browser's file name. */
export function presignMinutesUpload(
  d: Pick<CoreDeps, 'documents'>,
  cycleId: string,
  returnTo: string,
): Promise<{ url: string; fields: Record<string, string> }> {
  return d.documents.presignUpload({
    key: minutesUploadKeyTemplate(cycleId, randomBytes(12).toString('hex')),
    maxBytes: MAX_MINUTES_UPLOAD_BYTES,
    contentTypes: [DOCX_TYPE, 'text/markdown', 'text/plain'],
    expiresInSeconds: UPLOAD_WINDOW_SECONDS,
    redirectUrl: returnTo,
  });
}

/**
 * The text of an uploaded minutes document, read and checked before anything is shown: it must be one of
 * this cycle's uploads, within the size limit, really of the type its name says, and read as minutes.
 */
export async function readUpload(d: Pick<CoreDeps, 'documents'>, cycleId: string, key: string): Promise<{ text: string; fileName: string; size: number }> {
  const prefix = minutesUploadPrefix(cycleId);
  if (!key.startsWith(prefix) || key.length > 1024) throw new UploadRejectedError('That upload does not belong to these minutes.');
  const fileName = key.slice(key.lastIndexOf('/') + 1) || 'The file';
  const head = await d.documents.head(key);
  if (!head) throw new NotFoundError('We could not find that upload. Please upload the file again.');
  if (head.size > MAX_MINUTES_UPLOAD_BYTES) {
    throw new PaperTooLargeError(`${fileName} is ${formatBytes(head.size)}; minutes may be up to ${formatBytes(MAX_MINUTES_UPLOAD_BYTES)}.`);
  }
  const text = await readMinutesText(fileName, Buffer.from(await d.documents.getBytes(key)));
  if (text.trim().length < 20) throw new ValidationError(`${fileName} has no minutes in it: it holds no text.`, ['no text']);
  if (text.length > MAX_MINUTES_CHARS) {
    throw new ValidationError(
      `${fileName} has ${text.length.toLocaleString('en-GB')} characters; minutes are limited to ${MAX_MINUTES_CHARS.toLocaleString('en-GB')}.`,
    );
  }
  try {
    extractActions(text);
  } catch (err) {
    if (err instanceof ValidationError) throw new ValidationError(`${fileName}: ${err.message}`, err.issues);
    throw err;
  }
  return { text, fileName, size: head.size };
}

/**
 * Saves the minutes as a new version and sends them to the chair (resumes the waiting cycle). The draft
 * is claimed (decideWait, `by`: the link's hash) before the version is stored, so two quick sends, or
 * two secretariat members sending at once, store one version and the other is told.
 * @throws NotWaitingError when a version has already gone to the chair
 */
export async function sendMinutes(
  d: Pick<CoreDeps, 'cycles' | 'documents' | 'waits' | 'workflow' | 'clock' | 'audit'>,
  input: { cycleId: string; author: Member; text: string; by: string },
): Promise<string> {
  const { cycleId } = input;
  if (!(await d.waits.getWait(cycleId, 'minutes-draft'))) {
    throw new NotWaitingError('The minutes for this meeting are not awaiting a draft: a version has already been sent to the chair.');
  }
  return decideWait(d, cycleId, 'minutes-draft', input.by, async () => {
    const s3Key = minutesDraftKey(cycleId, randomBytes(8).toString('hex'));
    await d.documents.putText(s3Key, input.text, 'text/markdown; charset=utf-8');
    const minutes = await d.cycles.addMinutes({ cycleId, s3Key, status: 'submitted', savedBy: input.author.memberId, savedAt: d.clock.now().toISOString() });
    const who = { kind: 'secretariat', name: input.author.name, email: input.author.email } as const;
    await recordAudit(
      d,
      input.author.boardId,
      who,
      { type: 'minutes-recorded', version: minutes.version },
      { cycleId, key: `minutes#${cycleId}#${minutes.version}` },
    );
    return {
      output: { version: minutes.version },
      outcome: `Version ${minutes.version} of the minutes was saved by ${input.author.name} and sent to the chair.`,
    };
  });
}
