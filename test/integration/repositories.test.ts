import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoActionRepository } from '../../functions/shared/adapters/dynamodb/dynamo-action-repository';
import { DynamoBoardRepository } from '../../functions/shared/adapters/dynamodb/dynamo-board-repository';
import { DynamoCycleRepository } from '../../functions/shared/adapters/dynamodb/dynamo-cycle-repository';
import { DynamoLinkRepository } from '../../functions/shared/adapters/dynamodb/dynamo-link-repository';
import { DynamoOutbox } from '../../functions/shared/adapters/dynamodb/dynamo-outbox';
import { DynamoWaitRepository } from '../../functions/shared/adapters/dynamodb/dynamo-wait-repository';
import { batchWriteAll } from '../../functions/shared/adapters/dynamodb/item-mapping';
import { AlreadyExistsError, LinkNotFoundError, LinkUsedError, NotFoundError, NotWaitingError, StaleVersionError } from '../../functions/shared/domain/errors';
import type { Action, ActionEvent, AgendaItem, Board, Cycle, LinkRecord, Member, Proposal } from '../../functions/shared/domain/types';
import { DEFAULT_RULES } from '../../functions/shared/domain/board-defaults';
import { ATTR, keys } from '../../functions/shared/table/keys';
import { outboxKeys } from '../../functions/shared/table/outbox-keys';
import { useEmulators } from '../support/emulators';

const cloud = useEmulators();
const table = () => cloud().endpoints.tableName;
const id = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

const board = (boardId: string): Board => ({
  boardId,
  name: 'Finance Committee',
  timeZone: 'Europe/London',
  holidays: { country: 'GB', state: 'ENG' },
  rules: DEFAULT_RULES,
  quorum: 3,
  defaultVenue: 'Committee Room 1',
  standingItems: ['Apologies', 'Minutes of the last meeting'],
  version: 0,
});

const member = (boardId: string, n: number, email = `member${n}@example.org`): Member => ({
  boardId,
  memberId: `m${n}`,
  name: `Member ${n}`,
  email,
  organisation: 'Council',
  roles: ['member'],
});

const cycle = (boardId: string, cycleId: string): Cycle => ({
  boardId,
  cycleId,
  meeting: { date: '2026-03-10', time: '15:30', venue: 'Committee Room 1' },
  timeline: {
    agendaCall: '2026-02-09T09:00:00Z',
    itemDeadline: '2026-02-16T17:00:00Z',
    paperReminder: '2026-02-24T09:00:00Z',
    paperDeadline: '2026-02-26T17:00:00Z',
    circulation: '2026-03-02T09:00:00Z',
    supplementary: '2026-03-06T09:00:00Z',
    meeting: '2026-03-10T15:30:00Z',
    minutesDraftDue: '2026-03-17T17:00:00Z',
    chairApprovalDue: '2026-03-24T17:00:00Z',
    followUp: '2026-04-07T09:00:00Z',
  },
  status: 'scheduled',
  phase: 'PlanTimeline',
  createdAt: '2026-01-05T10:00:00Z',
  version: 1,
});

const newAction = (cycleId: string, text: string): Omit<Action, 'number' | 'version' | 'actionId' | 'boardId'> => ({
  cycleId,
  itemNumber: 3,
  ownerMemberIds: ['m1'],
  ownersAsWritten: ['Cllr Smith'],
  text,
  due: '2026-04-30',
  status: 'open',
});

describe('DynamoBoardRepository', () => {
  const boards = () => new DynamoBoardRepository(cloud().doc, table());

  it('creates a board at version 1, refuses to create it twice and lists it', async () => {
    const boardId = id('board');

    const created = await boards().putBoard(board(boardId));

    expect(created.version).toBe(1);
    await expect(boards().putBoard(board(boardId))).rejects.toThrow(AlreadyExistsError);
    expect(await boards().getBoard(boardId)).toEqual(created);
    expect((await boards().listBoards()).map((b) => b.boardId)).toContain(boardId);
  });

  it('replaces a board only at the version read', async () => {
    const boardId = id('board');
    const v1 = await boards().putBoard(board(boardId));
    const v2 = await boards().putBoard({ ...v1, quorum: 4 }, v1.version);

    await expect(boards().putBoard({ ...v1, quorum: 5 }, v1.version)).rejects.toThrow(StaleVersionError);
    expect(await boards().getBoard(boardId)).toEqual({ ...v2, quorum: 4, version: 2 });
  });

  it('hands the domain records without key attributes', async () => {
    const boardId = id('board');
    await boards().putBoard(board(boardId));

    const stored = await boards().getBoard(boardId);

    for (const attribute of Object.values(ATTR)) expect(stored).not.toHaveProperty(attribute);
  });

  it('refuses a member whose email is already on the board, and writes none of the batch', async () => {
    const boardId = id('board');
    await boards().addMembers([member(boardId, 1), member(boardId, 2)]);

    const attempt = boards().addMembers([member(boardId, 3), member(boardId, 4, 'MEMBER2@example.org')]);

    await expect(attempt).rejects.toThrow(AlreadyExistsError);
    await expect(attempt).rejects.toThrow(/MEMBER2@example\.org/);
    expect((await boards().listMembers(boardId)).map((m) => m.memberId)).toEqual(['m1', 'm2']);
  });

  it('accepts the same email on another board', async () => {
    const [a, b] = [id('board'), id('board')];
    await boards().addMembers([member(a, 1, 'clerk@example.org')]);

    await boards().addMembers([member(b, 1, 'clerk@example.org')]);

    expect(await boards().getMember(b, 'm1')).toMatchObject({ email: 'clerk@example.org' });
  });

  it('refuses an email that appears twice in one batch', async () => {
    const boardId = id('board');

    await expect(boards().addMembers([member(boardId, 1, 'x@example.org'), member(boardId, 2, 'X@example.org')])).rejects.toThrow(AlreadyExistsError);
    expect(await boards().listMembers(boardId)).toEqual([]);
  });

  it('lets exactly one of two concurrent adds of the same email through', async () => {
    const boardId = id('board');

    const results = await Promise.allSettled([
      boards().addMembers([member(boardId, 1, 'same@example.org')]),
      boards().addMembers([member(boardId, 2, 'same@example.org')]),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await boards().listMembers(boardId)).toHaveLength(1);
  });

  it('adds a batch larger than one transaction all or none', async () => {
    const boardId = id('board');
    await boards().addMembers([member(boardId, 999, 'taken@example.org')]);
    const many = Array.from({ length: 120 }, (_, i) => member(boardId, i + 1));

    await expect(boards().addMembers([...many, member(boardId, 500, 'taken@example.org')])).rejects.toThrow(/taken@example\.org/);
    expect(await boards().listMembers(boardId)).toHaveLength(1);

    await boards().addMembers(many);
    expect(await boards().listMembers(boardId)).toHaveLength(121);
  });
});

describe('DynamoCycleRepository', () => {
  const cycles = () => new DynamoCycleRepository(cloud().doc, table());

  it('finds a cycle by its id alone through GSI1', async () => {
    const [boardId, cycleId] = [id('board'), id('cycle')];
    await cycles().createCycle(cycle(boardId, cycleId));

    expect(await cycles().findCycle(cycleId)).toEqual(cycle(boardId, cycleId));
    expect(await cycles().findCycle(id('missing'))).toBeUndefined();
    await expect(cycles().createCycle(cycle(boardId, cycleId))).rejects.toThrow(AlreadyExistsError);
  });

  it('applies two concurrent updates one after the other, losing neither', async () => {
    const [boardId, cycleId] = [id('board'), id('cycle')];
    await cycles().createCycle(cycle(boardId, cycleId));

    const seen: number[] = [];
    await Promise.all([
      cycles().updateCycle(boardId, cycleId, (c) => (seen.push(c.version), { phase: 'SendAgendaCall' })),
      cycles().updateCycle(boardId, cycleId, (c) => (seen.push(c.version), { status: 'running' })),
    ]);

    expect(await cycles().getCycle(boardId, cycleId)).toMatchObject({ phase: 'SendAgendaCall', status: 'running', version: 3 });
    // Both read version 1 at first; the loser's change ran again on version 2 rather than overwrite it.
    expect(seen.filter((v) => v === 1).length + seen.filter((v) => v === 2).length).toBe(seen.length);
    expect(seen).toContain(2);
  });

  it('removes a field that a change sets to undefined', async () => {
    const [boardId, cycleId] = [id('board'), id('cycle')];
    await cycles().createCycle({ ...cycle(boardId, cycleId), failure: { error: 'X', cause: 'y', at: '2026-01-06T00:00:00Z' } });

    const updated = await cycles().updateCycle(boardId, cycleId, () => ({ failure: undefined }));

    expect(updated.failure).toBeUndefined();
    expect(await cycles().getCycle(boardId, cycleId)).not.toHaveProperty('failure');
  });

  it('refuses to update a cycle that does not exist', async () => {
    await expect(cycles().updateCycle(id('board'), id('cycle'), () => ({}))).rejects.toThrow(NotFoundError);
  });

  it('lists the cycles of a board', async () => {
    const boardId = id('board');
    await cycles().createCycle(cycle(boardId, 'c1'));
    await cycles().createCycle(cycle(boardId, 'c2'));

    expect((await cycles().listCycles(boardId)).map((c) => c.cycleId)).toEqual(['c1', 'c2']);
  });

  it('replaces the agenda, in order', async () => {
    const cycleId = id('cycle');
    const item = (n: number, title: string): AgendaItem => ({
      cycleId,
      number: n,
      title,
      purpose: 'discussion',
      source: 'proposal',
      paperExpected: true,
      confidential: false,
    });
    await cycles().putItems(cycleId, [item(1, 'Apologies'), item(2, 'Budget'), item(10, 'AOB')]);

    await cycles().putItems(cycleId, [item(1, 'Apologies'), item(2, 'Budget 2026/27')]);

    expect((await cycles().listItems(cycleId)).map((i) => [i.number, i.title])).toEqual([
      [1, 'Apologies'],
      [2, 'Budget 2026/27'],
    ]);
  });

  it('numbers concurrent paper uploads for one item 1, 2, 3… without collisions', async () => {
    const cycleId = id('cycle');
    const paper = (n: number) => ({
      cycleId,
      itemNumber: 4,
      s3Key: `papers/${cycleId}/4/${n}.pdf`,
      fileName: 'budget.pdf',
      contentType: 'application/pdf',
      size: 1000 + n,
      uploadedBy: 'm1',
      uploadedAt: '2026-02-20T10:00:00Z',
      late: false,
    });

    const stored = await Promise.all([1, 2, 3, 4].map((n) => cycles().addPaper(paper(n))));
    await cycles().addPaper({ ...paper(5), itemNumber: 5 });

    expect(stored.map((p) => p.version).sort()).toEqual([1, 2, 3, 4]);
    const listed = await cycles().listPapers(cycleId);
    expect(listed.map((p) => [p.itemNumber, p.version])).toEqual([
      [4, 1],
      [4, 2],
      [4, 3],
      [4, 4],
      [5, 1],
    ]);
  });

  it('versions minutes and changes a version only from the status expected', async () => {
    const cycleId = id('cycle');
    const draft = { cycleId, s3Key: 'minutes/1.md', status: 'draft' as const, savedBy: 'sec', savedAt: '2026-03-12T10:00:00Z' };
    await cycles().addMinutes(draft);
    const v2 = await cycles().addMinutes({ ...draft, s3Key: 'minutes/2.md', status: 'submitted' });

    const approved = await cycles().updateMinutes(
      cycleId,
      2,
      { status: 'approved', approval: { by: 'chair', at: '2026-03-20T09:00:00Z', via: 'link' } },
      'submitted',
    );

    expect(v2.version).toBe(2);
    expect(approved).toMatchObject({ version: 2, status: 'approved', approval: { via: 'link' } });
    expect(await cycles().latestMinutes(cycleId)).toEqual(approved);
    expect(await cycles().getMinutes(cycleId, 1)).toMatchObject({ status: 'draft' });
    expect((await cycles().listMinutes(cycleId)).map((m) => [m.version, m.status])).toEqual([
      [1, 'draft'],
      [2, 'approved'],
    ]);
    expect(await cycles().listMinutes(id('cycle'))).toEqual([]);
    const late = cycles().updateMinutes(cycleId, 2, { status: 'changes-requested' }, 'submitted');
    await expect(late).rejects.toThrow(StaleVersionError);
    await expect(late).rejects.toThrow(/is approved, not submitted/);
    await expect(cycles().updateMinutes(cycleId, 9, { status: 'approved' }, 'submitted')).rejects.toThrow(NotFoundError);
    expect(await cycles().latestMinutes(id('cycle'))).toBeUndefined();
  });

  it('reads every page of a partition larger than 1 MB', async () => {
    const cycleId = id('cycle');
    const filler = 'x'.repeat(40_000);
    const proposals: Proposal[] = Array.from({ length: 40 }, (_, i) => ({
      cycleId,
      proposalId: `p${String(i).padStart(2, '0')}`,
      title: filler,
      purpose: 'information',
      presenterMemberId: 'm1',
      estimatedMinutes: 10,
      confidential: false,
      proposedBy: 'm1',
      createdAt: '2026-02-10T10:00:00Z',
    }));
    await batchWriteAll(
      cloud().doc,
      table(),
      proposals.map((p) => ({ PutRequest: { Item: { ...p, ...keys.proposal(cycleId, p.proposalId) } } })),
    );
    const firstPage = await cloud().doc.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': ATTR.pk },
        ExpressionAttributeValues: { ':pk': keys.cycleParts(cycleId).pk },
      }),
    );

    const listed = await cycles().listProposals(cycleId);

    expect(firstPage.LastEvaluatedKey).toBeDefined();
    expect(listed).toHaveLength(40);
  });

  it('refuses a proposal id used before', async () => {
    const cycleId = id('cycle');
    const proposal: Proposal = {
      cycleId,
      proposalId: 'p1',
      title: 'Parking',
      purpose: 'decision',
      presenterMemberId: 'm2',
      estimatedMinutes: 15,
      confidential: false,
      proposedBy: 'm2',
      createdAt: '2026-02-10T10:00:00Z',
    };
    await cycles().addProposal(proposal);

    await expect(cycles().addProposal(proposal)).rejects.toThrow(AlreadyExistsError);
  });
});

describe('DynamoActionRepository', () => {
  const actions = () => new DynamoActionRepository(cloud().doc, table());

  it('creates the actions of a source once, with stable per-board numbers', async () => {
    const [boardId, cycleId] = [id('board'), id('cycle')];

    const first = await actions().createActions(boardId, 'minutes#v2', [newAction(cycleId, 'Report on parking'), newAction(cycleId, 'Write to DfT')]);
    const again = await actions().createActions(boardId, 'minutes#v2', [newAction(cycleId, 'Report on parking'), newAction(cycleId, 'Write to DfT')]);
    const next = await actions().createActions(boardId, 'minutes#other', [newAction(cycleId, 'Audit')]);

    expect(first.map((a) => a.number)).toEqual([1, 2]);
    expect(again).toEqual(first);
    expect(next.map((a) => a.number)).toEqual([3]);
    expect((await actions().listActions(boardId)).map((a) => [a.number, a.text])).toEqual([
      [1, 'Report on parking'],
      [2, 'Write to DfT'],
      [3, 'Audit'],
    ]);
  });

  it('gives concurrent retries of one source the same actions, and concurrent sources distinct numbers', async () => {
    const [boardId, cycleId] = [id('board'), id('cycle')];
    const create = (source: string, n: number) =>
      actions().createActions(
        boardId,
        source,
        Array.from({ length: n }, (_, i) => newAction(cycleId, `${source} ${i}`)),
      );

    const [a1, a2, b, c] = await Promise.all([create('a', 3), create('a', 3), create('b', 2), create('c', 4)]);

    expect(a2).toEqual(a1);
    const numbers = [...a1, ...b, ...c].map((action) => action.number).sort((x, y) => x - y);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await actions().listActions(boardId)).toHaveLength(9);
  });

  it('filters actions by cycle and status', async () => {
    const boardId = id('board');
    const [one] = await actions().createActions(boardId, 's1', [newAction('c1', 'A'), newAction('c2', 'B')]);
    await actions().recordUpdate(boardId, (one as Action).actionId, 1, {
      actionId: (one as Action).actionId,
      at: '2026-04-01T10:00:00Z',
      by: 'm1',
      status: 'done',
      note: 'Sent',
    });

    expect((await actions().listActions(boardId, { cycleId: 'c2' })).map((a) => a.text)).toEqual(['B']);
    expect((await actions().listActions(boardId, { status: 'done' })).map((a) => a.text)).toEqual(['A']);
    expect(await actions().listActions(boardId, { cycleId: 'c1', status: 'open' })).toEqual([]);
  });

  it('keeps both of two concurrent updates when the loser retries on the fresh version', async () => {
    const boardId = id('board');
    const [action] = await actions().createActions(boardId, 'src', [newAction('c1', 'Report on parking')]);
    const actionId = (action as Action).actionId;
    const event = (status: ActionEvent['status'], note: string, at: string): ActionEvent => ({ actionId, at, by: 'm1', status, note });
    const updates = [event('in-progress', 'Drafting', '2026-04-01T10:00:00Z'), event('done', 'Sent to DfT', '2026-04-01T10:00:01Z')];

    const results = await Promise.allSettled(updates.map((update) => actions().recordUpdate(boardId, actionId, 1, update)));

    const lost = results.findIndex((r) => r.status === 'rejected');
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results[lost] as PromiseRejectedResult).reason).toBeInstanceOf(StaleVersionError);
    expect((await actions().listEvents(actionId)).map((e) => e.note)).toEqual([updates[1 - lost]?.note]);

    const fresh = (await actions().getAction(boardId, actionId)) as Action;
    const final = await actions().recordUpdate(boardId, actionId, fresh.version, updates[lost] as ActionEvent);

    expect(final.version).toBe(3);
    expect(await actions().getAction(boardId, actionId)).toEqual(final);
    expect((await actions().listEvents(actionId)).map((e) => e.note).sort()).toEqual(['Drafting', 'Sent to DfT']);
  });

  it('refuses an update of an action that does not exist', async () => {
    await expect(
      actions().recordUpdate(id('board'), 'nope', 1, { actionId: 'nope', at: '2026-04-01T10:00:00Z', by: 'm1', status: 'done', note: '' }),
    ).rejects.toThrow(NotFoundError);
  });
});

describe('DynamoLinkRepository', () => {
  const links = () => new DynamoLinkRepository(cloud().doc, table());
  const link = (tokenHash: string): LinkRecord => ({
    tokenHash,
    purpose: 'approve-minutes',
    boardId: 'b1',
    cycleId: 'c1',
    memberId: 'chair',
    subject: '2',
    expiresAt: '2026-03-31T23:59:59Z',
    singleUse: true,
    createdAt: '2026-03-17T10:00:00Z',
  });

  it('stores the expiry as ISO for the app and as epoch seconds for TTL', async () => {
    const tokenHash = id('hash');
    await links().putLink(link(tokenHash));

    const raw = await cloud().doc.send(new GetCommand({ TableName: table(), Key: keys.link(tokenHash) }));

    expect(await links().getLink(tokenHash)).toEqual(link(tokenHash));
    expect(raw.Item?.[ATTR.ttl]).toBeGreaterThan(Date.parse('2026-03-31T23:59:59Z') / 1000);
    expect(Number.isInteger(raw.Item?.[ATTR.ttl])).toBe(true);
  });

  it('refuses a link that was already used', async () => {
    const tokenHash = id('hash');
    await links().putLink(link(tokenHash));
    await links().markUsed(tokenHash, '2026-03-18T09:00:00Z', 'Minutes version 2 approved.');
    const again = links().markUsed(tokenHash, '2026-03-18T09:01:00Z', 'again');

    await expect(again).rejects.toThrow(LinkUsedError);
    await expect(again).rejects.toThrow(/2026-03-18T09:00:00Z/);
    expect(await links().getLink(tokenHash)).toMatchObject({ usedAt: '2026-03-18T09:00:00Z', outcome: 'Minutes version 2 approved.' });
  });

  it('lets exactly one of two concurrent uses through', async () => {
    const tokenHash = id('hash');
    await links().putLink(link(tokenHash));

    const results = await Promise.allSettled([
      links().markUsed(tokenHash, '2026-03-18T09:00:00Z', 'first'),
      links().markUsed(tokenHash, '2026-03-18T09:00:00Z', 'second'),
    ]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('says an unknown link is not found rather than used', async () => {
    await expect(links().markUsed(id('hash'), '2026-03-18T09:00:00Z', 'x')).rejects.toThrow(LinkNotFoundError);
    expect(await links().getLink(id('hash'))).toBeUndefined();
  });
});

describe('DynamoOutbox', () => {
  const outbox = () => new DynamoOutbox(cloud().doc, table());

  it('claims a key once', async () => {
    const key = id('agenda-call');

    expect(await outbox().claim(key, '2026-02-09T09:00:00Z')).toBe(true);
    expect(await outbox().claim(key, '2026-02-09T09:00:05Z')).toBe(false);
    expect(await outbox().get(key)).toEqual({ status: 'claimed', claimedAt: '2026-02-09T09:00:00Z' });
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const key = id('agenda-call');

    const claims = await Promise.all(Array.from({ length: 5 }, () => outbox().claim(key, '2026-02-09T09:00:00Z')));

    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('releases a claim so a retry may send, but never releases a sent message', async () => {
    const [failed, sent] = [id('k'), id('k')];
    await outbox().claim(failed, '2026-02-09T09:00:00Z');
    await outbox().release(failed, '2026-02-09T09:00:00Z');
    await outbox().claim(sent, '2026-02-09T09:00:00Z');
    await outbox().markSent(sent, 'ses-123');

    await outbox().release(sent, '2026-02-09T09:00:00Z');

    expect(await outbox().claim(failed, '2026-02-09T09:01:00Z')).toBe(true);
    expect(await outbox().get(sent)).toEqual({ status: 'sent', messageId: 'ses-123', claimedAt: '2026-02-09T09:00:00Z' });
    expect(await outbox().claim(sent, '2026-02-09T09:01:00Z')).toBe(false);
    await expect(outbox().markSent(id('never'), 'x')).rejects.toThrow(NotFoundError);
  });

  it('lets exactly one of many concurrent retries take over a stale claim, and never a recent or sent one', async () => {
    const [stale, recent, sent] = [id('k'), id('k'), id('k')];
    await outbox().claim(stale, '2026-02-09T09:00:00.000Z');
    await outbox().claim(recent, '2026-02-09T09:06:00.000Z');
    await outbox().claim(sent, '2026-02-09T09:00:00.000Z');
    await outbox().markSent(sent, 'ses-123');
    const retry = (key: string) => outbox().claim(key, '2026-02-09T09:10:00.000Z', '2026-02-09T09:05:00.000Z');

    const takeovers = await Promise.all(Array.from({ length: 5 }, () => retry(stale)));

    expect(takeovers.filter(Boolean)).toHaveLength(1);
    expect(await outbox().get(stale)).toEqual({ status: 'claimed', claimedAt: '2026-02-09T09:10:00.000Z' });
    expect(await retry(recent)).toBe(false);
    expect(await retry(sent)).toBe(false);
    // The first attempt, giving up late, does not release the claim that replaced its own.
    await outbox().release(stale, '2026-02-09T09:00:00.000Z');
    expect(await outbox().get(stale)).toEqual({ status: 'claimed', claimedAt: '2026-02-09T09:10:00.000Z' });
  });

  it("lets a task's next run take over, at once, the claim its previous run left; never another task's or a later one's", async () => {
    const [left, other, later] = [id('k'), id('k'), id('k')];
    const run = (by: string, startedAt: string, scope = 'cycle-x#CirculatePapers') => ({ scope, by, startedAt });
    await outbox().claim(left, '2026-02-09T09:00:00.000Z', undefined, run('req-1', '2026-02-09T08:59:59.000Z'));
    await outbox().claim(other, '2026-02-09T09:00:00.000Z', undefined, run('req-1', '2026-02-09T08:59:59.000Z', 'cycle-x#PublishMinutes'));
    await outbox().claim(later, '2026-02-09T09:00:03.000Z', undefined, run('req-3', '2026-02-09T09:00:03.000Z'));
    const retry = (key: string) => outbox().claim(key, '2026-02-09T09:00:04.000Z', '2026-02-09T08:55:04.000Z', run('req-2', '2026-02-09T09:00:02.000Z'));

    const takeovers = await Promise.all(Array.from({ length: 5 }, () => retry(left)));

    expect(takeovers.filter(Boolean)).toHaveLength(1);
    expect(await outbox().get(left)).toMatchObject({ status: 'claimed', claimedBy: 'req-2', claimScope: 'cycle-x#CirculatePapers' });
    expect(await retry(other)).toBe(false);
    expect(await retry(later)).toBe(false);
  });
});

describe("DynamoOutbox: a cycle's emails", () => {
  const outbox = () => new DynamoOutbox(cloud().doc, table());
  const meta = (to: string) => ({ kind: 'agenda-call' as const, to: [to], subject: 'Agenda call' });

  it('lists the emails claimed for a cycle, oldest first, with what they were and whether they went', async () => {
    const cycleId = id('cycle');
    const [ann, bob] = [outboxKeys.agendaCall(cycleId, 'ann'), outboxKeys.agendaCall(cycleId, 'bob')];
    await outbox().claim(bob, '2026-02-09T09:00:02.000Z', undefined, undefined, meta('bob@example.org'));
    await outbox().claim(ann, '2026-02-09T09:00:01.000Z', undefined, undefined, meta('ann@example.org'));
    await outbox().markSent(ann, 'ses-1');
    await outbox().claim(outboxKeys.agendaCall(id('other'), 'ann'), '2026-02-09T09:00:00.000Z', undefined, undefined, meta('ann@example.org'));
    const released = outboxKeys.cycleClosed(cycleId, 'sam');
    await outbox().claim(released, '2026-02-09T09:00:03.000Z', undefined, undefined, meta('sam@example.org'));
    await outbox().release(released, '2026-02-09T09:00:03.000Z');

    const listed = await outbox().listForCycle(cycleId);

    expect(listed).toEqual([
      { key: ann, status: 'sent', messageId: 'ses-1', claimedAt: '2026-02-09T09:00:01.000Z', message: meta('ann@example.org') },
      { key: bob, status: 'claimed', claimedAt: '2026-02-09T09:00:02.000Z', message: meta('bob@example.org') },
    ]);
    expect(await outbox().get(ann)).toEqual({ status: 'sent', messageId: 'ses-1', claimedAt: '2026-02-09T09:00:01.000Z', message: meta('ann@example.org') });
  });

  it('lists a stale claim taken over once, at its new claim time', async () => {
    const cycleId = id('cycle');
    const key = outboxKeys.agendaCall(cycleId, 'ann');
    await outbox().claim(key, '2026-02-09T09:00:00.000Z', undefined, undefined, meta('ann@example.org'));
    await outbox().claim(key, '2026-02-09T09:10:00.000Z', '2026-02-09T09:05:00.000Z', undefined, meta('ann@example.org'));

    expect((await outbox().listForCycle(cycleId)).map((e) => [e.key, e.claimedAt])).toEqual([[key, '2026-02-09T09:10:00.000Z']]);
  });
});

describe('DynamoWaitRepository', () => {
  const waits = () => new DynamoWaitRepository(cloud().doc, table());

  it('counts a chase once per token and keeps the count when the workflow waits again', async () => {
    const cycleId = id('cycle');
    await waits().putWait(cycleId, 'chair-approval', 'token-1', '2026-03-17T10:00:00Z');

    const first = await waits().recordChase(cycleId, 'chair-approval');
    const retried = await waits().recordChase(cycleId, 'chair-approval');
    await waits().putWait(cycleId, 'chair-approval', 'token-2', '2026-03-20T10:00:00Z');
    const second = await waits().recordChase(cycleId, 'chair-approval');
    const secondRetried = await waits().recordChase(cycleId, 'chair-approval');

    expect([first, retried, second, secondRetried]).toEqual([1, 1, 2, 2]);
    expect(await waits().getWait(cycleId, 'chair-approval')).toEqual({ taskToken: 'token-2', at: '2026-03-20T10:00:00Z' });
  });

  it('counts concurrent chases of one token once', async () => {
    const cycleId = id('cycle');
    await waits().putWait(cycleId, 'minutes-draft', 'token-1', '2026-03-17T10:00:00Z');

    const counts = await Promise.all([1, 2, 3].map(() => waits().recordChase(cycleId, 'minutes-draft')));

    expect(counts).toEqual([1, 1, 1]);
  });

  it('is taken only with the token it holds, and only once', async () => {
    const cycleId = id('cycle');
    await waits().putWait(cycleId, 'agenda-confirmation', 'token-1', '2026-02-17T10:00:00Z');

    expect(await waits().takeWait(cycleId, 'agenda-confirmation', 'stale-token')).toBe(false);
    expect(await waits().takeWait(cycleId, 'agenda-confirmation', 'token-1')).toBe(true);
    expect(await waits().takeWait(cycleId, 'agenda-confirmation', 'token-1')).toBe(false);
    expect(await waits().getWait(cycleId, 'agenda-confirmation')).toBeUndefined();
    await expect(waits().recordChase(cycleId, 'agenda-confirmation')).rejects.toThrow(NotWaitingError);
  });
});
