import { createHash } from 'node:crypto';
import { PDFDocument } from '@cantoo/pdf-lib';
import { planCycle, startCycleInput } from '../../../functions/admin/start-cycle';
import type { Board, Cycle, Member, MinutesVersion, Paper } from '../../../functions/shared/domain/types';
import { DEFAULT_RULES } from '../../../functions/shared/domain/board-defaults';
import type { AppConfig, EmailMessage } from '../../../functions/shared/ports';
import { checkedPaperKey, paperUploadKey } from '../../../functions/shared/table/object-keys';
import { member } from '../../support/builders';
import { fakeDeps, type FakeDeps } from '../../support/fakes';

/** Board "b" (the builders' board) in London, meeting on DEFAULT_RULES, with no standing items unless given. */
export const BOARD: Board = {
  boardId: 'b',
  name: 'Riverside Safety Board',
  timeZone: 'Europe/London',
  holidays: { country: 'GB', state: 'ENG' },
  rules: DEFAULT_RULES,
  quorum: 2,
  defaultVenue: 'Committee Room 1',
  standingItems: ['Apologies', 'Minutes of the last meeting'],
  version: 1,
};

/** The people of board "b": a chair, one secretariat member and two members. */
export const people = {
  chair: member('cara', 'Cara Chair', 'Council', ['chair', 'member']),
  secretariat: member('sam', 'Sam Secretary', 'Council', ['secretariat']),
  ann: member('ann', 'Ann Able', 'Police'),
  bob: member('bob', 'Bob Baker', 'Health'),
} satisfies Record<string, Member>;

/** A Monday, some weeks before the meeting of 10 March 2027: every milestone of cycle "c" is ahead. */
export const NOW = '2027-01-04T09:00:00.000Z';
export const MEETING_DATE = '2027-03-10';

/**
 * Fakes holding board "b", its people and cycle "c" (the builders' cycle) planned for 10 March 2027, as
 * it stands once running; `cycle` changes its record.
 */
export async function scenario(
  options: { board?: Partial<Board>; members?: Member[]; cycle?: Partial<Cycle>; now?: string; config?: Partial<AppConfig> } = {},
): Promise<{ d: FakeDeps; cycle: Cycle; ref: { boardId: string; cycleId: string } }> {
  const d = fakeDeps({ now: options.now ?? NOW, ...(options.config ? { config: options.config } : {}) });
  const board = await d.boards.putBoard({ ...BOARD, ...options.board });
  await d.boards.addMembers(options.members ?? Object.values(people));
  const planned = planCycle(board, startCycleInput.parse({ boardId: 'b', meetingDate: MEETING_DATE, meetingTime: '15:30' }), new Date(NOW)).cycle;
  const cycle: Cycle = { ...planned, cycleId: 'c', status: 'running', phase: 'PlanTimeline', ...options.cycle };
  await d.cycles.createCycle(cycle);
  return { d, cycle, ref: { boardId: 'b', cycleId: 'c' } };
}

/** The addresses an email went to. */
export const recipients = (emails: readonly EmailMessage[]): string[] => emails.flatMap((e) => e.to.map((t) => t.email));

/** The app links (`https://app…/l/<token>`) in an email's text. */
export const appLinks = (email: EmailMessage | undefined): string[] =>
  [...(email?.text ?? '').matchAll(/https:\/\/app\.example\.org\/l\/[A-Za-z0-9_-]+/g)].map((m) => m[0]);

/** A paper (or appendix) upload of cycle "c", stored as the upload page stores one. */
export async function upload(d: FakeDeps, itemNumber: number, extra: Partial<Paper> & { body?: Uint8Array } = {}): Promise<Paper> {
  const { body, ...fields } = extra;
  const uploadName = `paper-${d.clock.now().getTime()}${Math.random().toString(16).slice(2)}`;
  const sha256 = createHash('sha256')
    .update(body ?? new Uint8Array())
    .digest('hex');
  const s3Key = checkedPaperKey('c', itemNumber, uploadName, sha256, 'pdf');
  if (body) await d.documents.putBytes(s3Key, body, fields.contentType ?? 'application/pdf');
  return d.cycles.addPaper({
    cycleId: 'c',
    itemNumber,
    s3Key,
    uploadKey: paperUploadKey('c', itemNumber, uploadName),
    ...(body ? { sha256 } : {}),
    fileName: `item-${itemNumber}.pdf`,
    contentType: 'application/pdf',
    size: body?.byteLength ?? 1000,
    uploadedBy: 'ann',
    uploadedAt: d.clock.now().toISOString(),
    late: false,
    ...fields,
  });
}

/** A minutes version of cycle "c" whose text is stored, as the minutes page saves one. */
export async function saveMinutes(d: FakeDeps, text: string, extra: Partial<MinutesVersion> = {}): Promise<MinutesVersion> {
  const s3Key = `minutes/c/${Math.random().toString(36).slice(2)}.txt`;
  await d.documents.putText(s3Key, text, 'text/plain; charset=utf-8');
  return d.cycles.addMinutes({ cycleId: 'c', s3Key, status: 'submitted', savedBy: 'sam', savedAt: d.clock.now().toISOString(), ...extra });
}

/** A real PDF of `pages` blank pages, for the cores that merge or read papers. */
export async function pdf(pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return doc.save();
}

/** Minutes of cycle "c" as the secretariat writes them: two actions (one owner named) and the next meeting. */
export const MINUTES = `Riverside Safety Board

Minutes of Meeting

Wednesday 10 March 2027, 15:30 Committee Room 1

Present

Cara Chair\tChair
Ann Able\tPolice

ITEM 1. Apologies

1.1 None were received.

ITEM 2. Knife crime plan

2.1 The board discussed the plan.

Action: Ann Able to circulate the plan by 1 April 2027.
Action: An update to be presented in June.

Date of next meeting: Wednesday 9 June 2027, 14:00, Council Chamber
`;
