import { createHash } from 'node:crypto';
import { PDFDocument } from '@cantoo/pdf-lib';
import { planCycle, startCycleInput } from '../../../functions/admin/start-cycle';
import { decisionForm } from '../../../functions/http/links/shared/decision-form';
import type {
  Action,
  ActionChange,
  ActionEvent,
  ActionEventKind,
  Board,
  Cycle,
  Member,
  MinutesVersion,
  Paper,
  WaitKind,
} from '../../../functions/shared/domain/types';
import { DEFAULT_RULES } from '../../../functions/shared/domain/board-defaults';
import { ValidationError } from '../../../functions/shared/domain/errors';
import { parseOrThrow } from '../../../functions/shared/domain/validate';
import type { AppConfig, EmailMessage } from '../../../functions/shared/ports';
import { loadCycleContext, type CycleContext } from '../../../functions/shared/services/cycle-context';
import { checkedPaperKey, paperUploadKey } from '../../../functions/shared/table/object-keys';
import { member } from '../../support/builders';
import { fakeDeps, type FakeDeps } from '../../support/fakes';
import type * as z from '../../../functions/shared/validation/zod';

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
  const planned = (await planCycle(board, startCycleInput.parse({ boardId: 'b', meetingDate: MEETING_DATE, meetingTime: '15:30' }), new Date(NOW))).cycle;
  const cycle: Cycle = { ...planned, cycleId: 'c', status: 'running', phase: 'PlanTimeline', ...options.cycle };
  await d.cycles.createCycle(cycle);
  return { d, cycle, ref: { boardId: 'b', cycleId: 'c' } };
}

/** Cycle "c" with its board and people, as a link page loads it: read afresh, so it sees what changed. */
export const context = (d: FakeDeps): Promise<CycleContext> => loadCycleContext(d, 'b', 'c');

/** Cycle "c" waiting for `kind`, as its `.waitForTaskToken` task leaves it; returns the task token. */
export async function waiting(d: FakeDeps, kind: WaitKind, taskToken = `${kind}-token`): Promise<string> {
  await d.waits.putWait('c', kind, taskToken, d.clock.now().toISOString());
  return taskToken;
}

/**
 * Runs `meanwhile` just before the next call of `target[method]`, once: another writer getting in
 * between a core's read and its conditional write.
 */
export function beforeNextCall<T extends object, K extends keyof T>(target: T, method: K, meanwhile: () => Promise<unknown>): void {
  const real = target[method] as (...args: unknown[]) => Promise<unknown>;
  const once = async (...args: unknown[]): Promise<unknown> => {
    target[method] = real as T[K];
    await meanwhile();
    return real.apply(target, args);
  };
  target[method] = once as T[K];
}

/** A field as a hostile client fills it: far past any limit a page sets. */
export const LONG = 'x'.repeat(50_000);

/**
 * The ValidationError a link page answers `fields` with, parsed as its page parses them (`what` names the
 * form); the test fails when they are accepted or refused with anything else.
 */
export function refusal(form: z.core.$ZodType, fields: unknown, what: string): ValidationError {
  try {
    parseOrThrow(form, fields, what);
  } catch (err) {
    if (err instanceof ValidationError) return err;
    throw err;
  }
  throw new Error(`The ${what} form accepted ${JSON.stringify(fields).slice(0, 200)}.`);
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

/** An open action of cycle "c" owned by Ann (unless `extra` says otherwise), as publishing the minutes creates one. */
export async function anAction(d: FakeDeps, extra: Partial<Pick<Action, 'ownerMemberIds' | 'due' | 'status' | 'text'>> = {}): Promise<Action> {
  const [created] = await d.actions.createActions('b', `c#${Math.random().toString(36).slice(2)}`, [
    { cycleId: 'c', ownerMemberIds: ['ann'], ownersAsWritten: ['Ann Able'], text: 'Circulate the plan.', status: 'open', due: '2027-04-01', ...extra },
  ]);
  return created!;
}

/** The first owner's request on the action as it now stands, with its history entry, as the update page writes one. */
async function ownerAsks(
  d: FakeDeps,
  action: Action,
  ask: { changeId: string; kind: ActionEventKind; note: string; change: (by: string, at: string) => ActionChange },
): Promise<Action> {
  const now = (await d.actions.getAction('b', action.actionId))!;
  const by = now.ownerMemberIds[0]!;
  const at = d.clock.now().toISOString();
  const event = { actionId: now.actionId, at, by, status: now.status, note: ask.note, kind: ask.kind, ref: ask.changeId };
  return d.actions.recordChange('b', now.actionId, now.version, ask.change(by, at), [event]);
}

/** The action with a new due date proposed by its first owner (change `due-1`), replacing any proposal before. */
export const withProposedDue = (d: FakeDeps, action: Action, due = '2027-05-28', changeId = 'due-1'): Promise<Action> =>
  ownerAsks(d, action, {
    changeId,
    kind: 'due-proposed',
    note: `Proposed a new due date: ${due}.`,
    change: (by, at) => ({ pendingDue: { id: changeId, due, by, at, reason: 'Partners are late.' } }),
  });

/** The action with its first owner asking to hand it to `to` (change `handover-1`). */
export const withHandOverAsked = (d: FakeDeps, action: Action, to = 'bob', changeId = 'handover-1'): Promise<Action> =>
  ownerAsks(d, action, {
    changeId,
    kind: 'delegation-requested',
    note: `Asked to hand the action to ${to}.`,
    change: (from, at) => ({ pendingDelegation: { id: changeId, from, to, at, reason: 'I am moving team.' } }),
  });

/** `update` is recorded on the action between a core's read of it and its conditional write. */
export function updatedMeanwhile(d: FakeDeps, action: Action, update: Pick<ActionEvent, 'by' | 'status' | 'note'>): void {
  beforeNextCall(d.actions, 'recordChange', async () => {
    const now = (await d.actions.getAction('b', action.actionId))!;
    return d.actions.recordUpdate('b', action.actionId, now.version, { actionId: action.actionId, at: d.clock.now().toISOString(), ...update });
  });
}

/** Hostile answers to a secretariat's decision form (decide-due-date, decide-delegation), each with what it is refused with. */
export const HOSTILE_DECISIONS: readonly [fields: Record<string, unknown>, refused: string | RegExp][] = [
  [{ decision: 'decline', reason: LONG }, 'Reasons are limited to 500 characters; yours has 50,000 characters.'],
  [{ reason: 'no button' }, 'Use one of the buttons on the page.'],
  [{ decision: 'maybe' }, 'Use one of the buttons on the page.'],
  [{ decision: ['accept'] }, /^Invalid answer: decision: /],
  [{ decision: 'accept', reason: 7 }, /^Invalid answer: reason: /],
];

/** What a secretariat's decision link passes its core: Sam deciding `changeId` on the action, the form read as the page reads it. */
export const decisionOn = async (d: FakeDeps, action: Action, changeId: string, fields: Record<string, unknown>) => ({
  cycle: await context(d),
  boardId: 'b',
  actionId: action.actionId,
  changeId,
  decider: people.secretariat,
  decision: parseOrThrow(decisionForm, fields, 'answer'),
});

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
