import {
  AlreadyExistsError,
  LinkNotFoundError,
  LinkUsedError,
  NotFoundError,
  NotWaitingError,
  StaleVersionError,
  ValidationError,
} from '../../functions/shared/domain/errors';
import type { Action, Board, Cycle, LinkRecord } from '../../functions/shared/domain/types';
import { DEFAULT_RULES } from '../../functions/shared/domain/board-defaults';
import { item, member } from '../support/builders';
import { describeConsoleAuthContract } from '../support/console-auth-contract';
import { fakeDeps } from '../support/fakes';

/**
 * The fakes refuse what the adapters refuse (test/integration/repositories.test.ts holds the adapters to
 * the same contract on DynamoDB Local): a fake that accepted a stale write would let a core test pass on
 * code that fails in AWS.
 */

const board: Board = {
  boardId: 'b',
  name: 'Board',
  timeZone: 'Europe/London',
  holidays: { country: 'GB', state: 'ENG' },
  rules: DEFAULT_RULES,
  quorum: 2,
  defaultVenue: 'Room 1',
  standingItems: [],
  version: 7,
};

const cycle = (cycleId: string): Cycle =>
  ({
    boardId: 'b',
    cycleId,
    meeting: { date: '2027-03-10', time: '10:00', venue: 'Room 1' },
    timeline: {} as Cycle['timeline'],
    status: 'scheduled',
    phase: 'PlanTimeline',
    createdAt: '2027-01-04T09:00:00.000Z',
    version: 1,
  }) satisfies Cycle;

const newAction = (text: string): Omit<Action, 'number' | 'version' | 'actionId' | 'boardId'> => ({
  cycleId: 'c',
  ownerMemberIds: [],
  ownersAsWritten: [],
  text,
  status: 'open',
});

const link = (tokenHash: string): LinkRecord => ({
  tokenHash,
  purpose: 'approve-minutes',
  boardId: 'b',
  cycleId: 'c',
  memberId: 'chair',
  expiresAt: '2027-02-01T00:00:00.000Z',
  singleUse: true,
  createdAt: '2027-01-04T09:00:00.000Z',
});

describe('the board fake', () => {
  it('owns the version: a new board is version 1, a replace needs the version read', async () => {
    const d = fakeDeps();
    expect(await d.boards.putBoard(board)).toMatchObject({ version: 1 });
    await expect(d.boards.putBoard(board)).rejects.toThrow(AlreadyExistsError);
    await expect(d.boards.putBoard({ ...board, name: 'Late' }, 3)).rejects.toThrow(StaleVersionError);
    expect(await d.boards.putBoard({ ...board, name: 'New' }, 1)).toMatchObject({ name: 'New', version: 2 });
    expect(await d.boards.listBoards()).toEqual([{ ...board, name: 'New', version: 2 }]);
  });

  it('refuses an email already on the board in any case, writing none of the members', async () => {
    const d = fakeDeps();
    await d.boards.addMembers([member('ann', 'Ann', 'A')]);
    const again = [member('bob', 'Bob', 'B'), { ...member('ann2', 'Ann', 'A'), email: 'ANN@example.org' }];
    await expect(d.boards.addMembers(again)).rejects.toThrow(new AlreadyExistsError('ANN@example.org is already a member of board b.'));
    expect((await d.boards.listMembers('b')).map((m) => m.memberId)).toEqual(['ann']);
    await d.boards.removeMember('b', 'ann');
    await expect(d.boards.addMembers(again)).resolves.toBeUndefined();
  });

  it('stamps each member added with a link epoch (keeping one given), and never takes a removed member id again', async () => {
    const d = fakeDeps();
    await d.boards.addMembers([member('ann', 'Ann', 'A'), { ...member('bob', 'Bob', 'B'), linkEpoch: 'given' }]);
    const [ann, bob] = await d.boards.listMembers('b');
    expect(ann?.linkEpoch).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(bob?.linkEpoch).toBe('given');
    await d.boards.removeMember('b', 'ann');
    await expect(d.boards.addMembers([{ ...member('ann', 'Ann', 'A'), email: 'ann@elsewhere.org' }])).rejects.toThrow(
      new AlreadyExistsError('Member id ann was used on board b before; a member id is never reused.'),
    );
  });

  it('lists members by id, and hands out copies that writing to does not change', async () => {
    const d = fakeDeps();
    await d.boards.addMembers([member('zoe', 'Zoe', 'Z'), member('amy', 'Amy', 'A')]);
    const [amy] = await d.boards.listMembers('b');
    amy!.roles.push('chair');
    expect((await d.boards.listMembers('b')).map((m) => [m.memberId, m.roles])).toEqual([
      ['amy', ['member']],
      ['zoe', ['member']],
    ]);
  });
});

describe('the cycle fake', () => {
  it('refuses a second cycle with the same id and updates on the current version, dropping undefined fields', async () => {
    const d = fakeDeps();
    await d.cycles.createCycle(cycle('c'));
    await expect(d.cycles.createCycle(cycle('c'))).rejects.toThrow(AlreadyExistsError);
    const updated = await d.cycles.updateCycle('b', 'c', () => ({ status: 'running', executionArn: undefined }));
    expect(updated).toMatchObject({ status: 'running', version: 2 });
    expect('executionArn' in ((await d.cycles.findCycle('c')) ?? {})).toBe(false);
    await expect(d.cycles.updateCycle('b', 'nope', () => ({}))).rejects.toThrow(NotFoundError);
  });

  it('applies two concurrent updates one after the other, losing neither', async () => {
    const d = fakeDeps();
    await d.cycles.createCycle(cycle('c'));
    await Promise.all([d.cycles.updateCycle('b', 'c', () => ({ phase: 'SendAgendaCall' })), d.cycles.updateCycle('b', 'c', () => ({ status: 'running' }))]);
    expect(await d.cycles.getCycle('b', 'c')).toMatchObject({ phase: 'SendAgendaCall', status: 'running', version: 3 });
  });

  it('numbers paper versions per item, appendices sharing them, and lists them by item then version', async () => {
    const d = fakeDeps();
    const paper = { cycleId: 'c', s3Key: 'k', fileName: 'f.pdf', contentType: 'application/pdf', size: 1, uploadedBy: 'ann', uploadedAt: 'x', late: false };
    await d.cycles.addPaper({ ...paper, itemNumber: 12 });
    await d.cycles.addPaper({ ...paper, itemNumber: 3 });
    await d.cycles.addPaper({ ...paper, itemNumber: 12, kind: 'appendix' });
    expect((await d.cycles.listPapers('c')).map((p) => [p.itemNumber, p.version, p.kind])).toEqual([
      [3, 1, 'paper'],
      [12, 1, 'paper'],
      [12, 2, 'appendix'],
    ]);
  });

  it('numbers minutes and changes a version only while its status is the one expected', async () => {
    const d = fakeDeps();
    const draft = { cycleId: 'c', s3Key: 'm', status: 'submitted' as const, savedBy: 'sec', savedAt: 'x' };
    await d.cycles.addMinutes(draft);
    expect(await d.cycles.addMinutes(draft)).toMatchObject({ version: 2 });
    expect(await d.cycles.latestMinutes('c')).toMatchObject({ version: 2 });
    await d.cycles.updateMinutes('c', 2, { status: 'approved' }, 'submitted');
    expect((await d.cycles.listMinutes('c')).map((m) => [m.version, m.status])).toEqual([
      [1, 'submitted'],
      [2, 'approved'],
    ]);
    await expect(d.cycles.updateMinutes('c', 2, { status: 'changes-requested' }, 'submitted')).rejects.toThrow(StaleVersionError);
    await expect(d.cycles.updateMinutes('c', 9, { status: 'approved' }, 'submitted')).rejects.toThrow(NotFoundError);
  });

  it('replaces the agenda, deleting items no longer on it, in agenda order', async () => {
    const d = fakeDeps();
    await d.cycles.putItems('c', [item(1, 'One'), item(2, 'Two'), item(10, 'Ten')]);
    await d.cycles.putItems('c', [item(10, 'Ten'), item(1, 'One')]);
    expect((await d.cycles.listItems('c')).map((i) => i.number)).toEqual([1, 10]);
    await expect(d.cycles.putItems('c', [item(1, 'One'), item(1, 'Again')])).rejects.toThrow(ValidationError);
  });
});

describe('the action fake', () => {
  it('numbers actions per board across sources and creates a source once', async () => {
    const d = fakeDeps();
    const first = await d.actions.createActions('b', 'c1#minutes', [newAction('a'), newAction('b')]);
    const again = await d.actions.createActions('b', 'c1#minutes', [newAction('other')]);
    const second = await d.actions.createActions('b', 'c2#minutes', [newAction('c')]);
    expect(first.map((a) => a.number)).toEqual([1, 2]);
    expect(again).toEqual(first);
    expect(second.map((a) => a.number)).toEqual([3]);
    expect((await d.actions.createActions('x', 's', [newAction('d')]))[0]?.number).toBe(1);
  });

  it('records a change only on the version read, keeping the history in order', async () => {
    const d = fakeDeps();
    const [action] = await d.actions.createActions('b', 's', [newAction('a')]);
    const event = { actionId: action!.actionId, at: '2027-01-05T10:00:00.000Z', by: 'ann', status: 'in-progress' as const, note: 'Started' };
    await d.actions.recordUpdate('b', action!.actionId, 1, event);
    await expect(d.actions.recordUpdate('b', action!.actionId, 1, { ...event, note: 'stale' })).rejects.toThrow(StaleVersionError);
    await d.actions.recordChange('b', action!.actionId, 2, { status: 'done' }, [{ ...event, status: 'done', note: 'Finished' }]);
    expect(await d.actions.getAction('b', action!.actionId)).toMatchObject({ status: 'done', version: 3 });
    expect((await d.actions.listEvents(action!.actionId)).map((e) => e.note)).toEqual(['Started', 'Finished']);
    await expect(d.actions.recordChange('b', 'gone', 1, {}, [])).rejects.toThrow(NotFoundError);
  });

  it('lets one of two concurrent changes on the same version through, as the conditional write does', async () => {
    const d = fakeDeps();
    const [action] = await d.actions.createActions('b', 's', [newAction('a')]);
    const results = await Promise.allSettled([
      d.actions.recordChange('b', action!.actionId, 1, { status: 'done' }, []),
      d.actions.recordChange('b', action!.actionId, 1, { status: 'dropped' }, []),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(StaleVersionError);
  });
});

describe('the link, wait and outbox fakes', () => {
  it('marks a link used once', async () => {
    const d = fakeDeps();
    await d.links.putLink(link('h'));
    await expect(d.links.putLink(link('h'))).rejects.toThrow(AlreadyExistsError);
    await d.links.markUsed('h', '2027-01-05T00:00:00.000Z', 'Approved');
    await expect(d.links.markUsed('h', '2027-01-05T00:00:01.000Z', 'Again')).rejects.toThrow(LinkUsedError);
    await expect(d.links.markUsed('unknown', 'x', 'y')).rejects.toThrow(LinkNotFoundError);
  });

  it('claims a link for one request until it is released (by that claim), used, or stale', async () => {
    const d = fakeDeps();
    await d.links.putLink(link('h'));
    expect(await d.links.claim('h', '2027-01-05T00:00:00.000Z', '2027-01-04T23:58:00.000Z')).toBe(true);
    expect(await d.links.claim('h', '2027-01-05T00:00:01.000Z', '2027-01-04T23:58:01.000Z')).toBe(false);
    await d.links.release('h', '2027-01-05T00:00:01.000Z');
    expect(await d.links.claim('h', '2027-01-05T00:00:02.000Z', '2027-01-04T23:58:02.000Z')).toBe(false);
    expect(await d.links.claim('h', '2027-01-05T00:03:00.000Z', '2027-01-05T00:01:00.000Z')).toBe(true);
    await d.links.release('h', '2027-01-05T00:03:00.000Z');
    expect(await d.links.claim('h', '2027-01-05T00:03:01.000Z', '2027-01-05T00:01:01.000Z')).toBe(true);
    await d.links.markUsed('h', '2027-01-05T00:03:02.000Z', 'Approved');
    expect(await d.links.claim('h', '2027-01-06T00:00:00.000Z', '2027-01-05T23:58:00.000Z')).toBe(false);
    expect(await d.links.claim('unknown', 'x', 'w')).toBe(false);
  });

  it("keeps one claimant's answer on a wait across tokens, until the wait is taken", async () => {
    const d = fakeDeps();
    await expect(d.waits.claimDecision('c', 'chair-approval', 'a', '2027-01-05T00:00:00.000Z', '2027-01-04T23:58:00.000Z')).rejects.toThrow(NotWaitingError);
    await d.waits.putWait('c', 'chair-approval', 't1', 'x');
    expect(await d.waits.claimDecision('c', 'chair-approval', 'a', '2027-01-05T00:00:00.000Z', '2027-01-04T23:58:00.000Z')).toBeUndefined();
    expect(await d.waits.claimDecision('c', 'chair-approval', 'b', '2027-01-05T00:00:01.000Z', '2027-01-04T23:58:01.000Z')).toEqual({
      by: 'a',
      at: '2027-01-05T00:00:00.000Z',
    });
    await expect(d.waits.recordDecision('c', 'chair-approval', 'b', { version: 1 }, 'No')).rejects.toThrow(StaleVersionError);
    await d.waits.releaseDecision('c', 'chair-approval', 'a');
    expect(await d.waits.claimDecision('c', 'chair-approval', 'b', '2027-01-05T00:00:02.000Z', '2027-01-04T23:58:02.000Z')).toBeUndefined();
    await d.waits.recordDecision('c', 'chair-approval', 'b', { version: 1 }, 'Approved');
    // A decided answer is never taken over nor released, however old, and outlives a new token.
    expect(await d.waits.claimDecision('c', 'chair-approval', 'a', '2027-01-06T00:00:00.000Z', '2027-01-05T23:58:00.000Z')).toMatchObject({ by: 'b' });
    await d.waits.releaseDecision('c', 'chair-approval', 'b');
    await d.waits.putWait('c', 'chair-approval', 't2', 'y');
    expect(await d.waits.getWait('c', 'chair-approval')).toEqual({
      taskToken: 't2',
      at: 'y',
      decision: { by: 'b', at: '2027-01-05T00:00:02.000Z', output: { version: 1 }, outcome: 'Approved' },
    });
    expect(await d.waits.takeWait('c', 'chair-approval', 't2')).toBe(true);
    expect(await d.waits.getWait('c', 'chair-approval')).toBeUndefined();
  });

  it('takes a wait only with the token it holds, and counts one chase per token', async () => {
    const d = fakeDeps();
    await d.waits.putWait('c', 'chair-approval', 't1', 'x');
    expect(await d.waits.recordChase('c', 'chair-approval')).toBe(1);
    expect(await d.waits.recordChase('c', 'chair-approval')).toBe(1);
    await d.waits.putWait('c', 'chair-approval', 't2', 'y');
    expect(await d.waits.recordChase('c', 'chair-approval')).toBe(2);
    expect(await d.waits.takeWait('c', 'chair-approval', 't1')).toBe(false);
    expect(await d.waits.takeWait('c', 'chair-approval', 't2')).toBe(true);
    expect(await d.waits.takeWait('c', 'chair-approval', 't2')).toBe(false);
    await expect(d.waits.recordChase('c', 'chair-approval')).rejects.toThrow(NotWaitingError);
  });

  it('claims a key once, never releases a sent one, and refuses to mark an unclaimed one sent', async () => {
    const d = fakeDeps();
    expect(await d.outbox.claim('k', 'x')).toBe(true);
    expect(await d.outbox.claim('k', 'x')).toBe(false);
    await d.outbox.markSent('k', 'ses-1');
    await d.outbox.release('k', 'x');
    expect(await d.outbox.get('k')).toEqual({ status: 'sent', messageId: 'ses-1', claimedAt: 'x' });
    await expect(d.outbox.markSent('other', 'ses-2')).rejects.toThrow(NotFoundError);
  });

  it('takes over a stale claim once, and releases only the claim it is given', async () => {
    const d = fakeDeps();
    await d.outbox.claim('k', '2027-01-04T09:00:00.000Z');
    expect(await d.outbox.claim('k', '2027-01-04T09:10:00.000Z', '2027-01-04T09:00:00.000Z')).toBe(false);
    expect(await d.outbox.claim('k', '2027-01-04T09:10:00.000Z', '2027-01-04T09:05:00.000Z')).toBe(true);
    expect(await d.outbox.claim('k', '2027-01-04T09:10:00.000Z', '2027-01-04T09:05:00.000Z')).toBe(false);
    await d.outbox.release('k', '2027-01-04T09:00:00.000Z');
    expect(await d.outbox.get('k')).toEqual({ status: 'claimed', claimedAt: '2027-01-04T09:10:00.000Z' });
    await d.outbox.markSent('k', 'ses-1');
    expect(await d.outbox.claim('k', '2027-01-04T10:00:00.000Z', '2027-01-04T09:55:00.000Z')).toBe(false);
  });
});

describe('the document, workflow and scheduler fakes', () => {
  it('refuses to read a missing object and reads a prefix of a stored one', async () => {
    const d = fakeDeps();
    await expect(d.documents.getText('nope')).rejects.toThrow(NotFoundError);
    await expect(d.documents.setContentType('nope', 'text/plain')).rejects.toThrow(NotFoundError);
    expect(await d.documents.head('nope')).toBeUndefined();
    await d.documents.putText('a.txt', 'hello', 'text/plain');
    expect((await d.documents.readPrefix('a.txt', 2)).toString()).toBe('he');
    expect(await d.documents.head('a.txt')).toEqual({ size: 5, contentType: 'text/plain' });
  });

  it('refuses a second execution with one name and a second answer with one token', async () => {
    const d = fakeDeps();
    await d.workflow.start('c', { boardId: 'b', cycleId: 'c' });
    await expect(d.workflow.start('c', { boardId: 'b', cycleId: 'c' })).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await d.workflow.resume('t', { decision: 'approved' });
    await expect(d.workflow.fail('t', 'E', 'cause')).rejects.toThrow(NotWaitingError);
  });

  it('keeps one schedule per cycle, whose execution ARN is the one the workflow gives that name', async () => {
    const d = fakeDeps();
    await d.scheduler.scheduleCycleStart({ boardId: 'b', cycleId: 'c' }, new Date('2027-02-01T08:00:00Z'));
    const { executionArn } = await d.scheduler.scheduleCycleStart({ boardId: 'b', cycleId: 'c' }, new Date('2027-02-02T08:00:00Z'));
    expect([...d.scheduler.schedules.values()]).toEqual([{ boardId: 'b', cycleId: 'c', at: '2027-02-02T08:00:00.000Z' }]);
    expect(await d.workflow.start('c', { boardId: 'b', cycleId: 'c' })).toBe(executionArn);
    await d.scheduler.cancelCycleStart('c');
    await expect(d.scheduler.cancelCycleStart('c')).resolves.toBeUndefined();
  });
});

describeConsoleAuthContract('the sign-in, session and security-log fakes', () => fakeDeps());
