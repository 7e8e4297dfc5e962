import { randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { memberFingerprint, updateMember } from '../../functions/admin/members';
import { DynamoAuditTrail } from '../../functions/shared/adapters/dynamodb/dynamo-audit-trail';
import { DynamoBoardRepository } from '../../functions/shared/adapters/dynamodb/dynamo-board-repository';
import { DEFAULT_RULES } from '../../functions/shared/domain/board-defaults';
import { AlreadyExistsError, NotFoundError, StaleVersionError } from '../../functions/shared/domain/errors';
import { holderSeal } from '../../functions/shared/domain/member-identity';
import type { Member } from '../../functions/shared/domain/types';
import { keys } from '../../functions/shared/table/keys';
import { useEmulators } from '../support/emulators';

const cloud = useEmulators();
const table = () => cloud().endpoints.tableName;
const boards = () => new DynamoBoardRepository(cloud().doc, table());

async function boardWith(...members: Omit<Member, 'boardId'>[]): Promise<string> {
  const boardId = `b-${randomUUID().slice(0, 8)}`;
  await boards().putBoard({
    boardId,
    name: 'Finance Committee',
    timeZone: 'Europe/London',
    holidays: { country: 'GB', state: 'ENG' },
    rules: DEFAULT_RULES,
    quorum: 3,
    defaultVenue: 'Committee Room 1',
    standingItems: [],
    version: 0,
  });
  await boards().addMembers(members.map((m) => ({ ...m, boardId })));
  return boardId;
}

const ann = { memberId: 'ann', name: 'Ann Able', email: 'ann@example.org', organisation: 'Police', roles: ['member', 'officer'] as Member['roles'] };
const bob = { memberId: 'bob', name: 'Bob Baker', email: 'bob@example.org', organisation: 'Health', roles: ['member'] as Member['roles'] };

const marker = async (boardId: string, email: string) =>
  (await cloud().doc.send(new GetCommand({ TableName: table(), Key: keys.memberEmail(boardId, email), ConsistentRead: true }))).Item;

describe('DynamoBoardRepository.updateMember', () => {
  it('moves the email marker with the member and gives them a new linkEpoch, in one transaction', async () => {
    const boardId = await boardWith(ann, bob);
    const before = (await boards().getMember(boardId, 'ann'))!;
    const stored = await boards().updateMember({ ...before, email: 'ann.able@example.org' }, before);
    expect(stored.linkEpoch).toBeTruthy();
    expect(stored.linkEpoch).not.toBe(before.linkEpoch);
    expect(holderSeal(stored)).not.toBe(holderSeal(before));
    expect(await boards().getMember(boardId, 'ann')).toEqual(stored);
    expect(await marker(boardId, 'ann@example.org')).toBeUndefined();
    expect(await marker(boardId, 'ann.able@example.org')).toMatchObject({ memberId: 'ann' });
    // The old address is free for someone else; the new one is not.
    await boards().addMembers([{ ...bob, boardId, memberId: 'new-ann', email: 'ann@example.org' }]);
    await expect(boards().addMembers([{ ...bob, boardId, memberId: 'other', email: 'ANN.ABLE@example.org' }])).rejects.toThrow(AlreadyExistsError);
  });

  it('refuses a record changed since it was read (StaleVersionError), writing nothing', async () => {
    const boardId = await boardWith(ann, bob);
    const read = (await boards().getMember(boardId, 'ann'))!;
    await boards().updateMember({ ...read, organisation: 'Police Scotland' }, read);
    await expect(boards().updateMember({ ...read, name: 'Annie', email: 'annie@example.org' }, read)).rejects.toThrow(StaleVersionError);
    expect(await boards().getMember(boardId, 'ann')).toMatchObject({ name: 'Ann Able', email: 'ann@example.org', organisation: 'Police Scotland' });
    expect(await marker(boardId, 'annie@example.org')).toBeUndefined();
    // Roles compare element by element: a changed list is a change too.
    const now = (await boards().getMember(boardId, 'ann'))!;
    await boards().updateMember({ ...now, roles: ['member'] }, now);
    await expect(boards().updateMember({ ...now, name: 'Annie' }, now)).rejects.toThrow(StaleVersionError);
  });

  it("refuses another member's email (AlreadyExistsError) and a removed member (NotFoundError), writing nothing", async () => {
    const boardId = await boardWith(ann, bob);
    const read = (await boards().getMember(boardId, 'ann'))!;
    await expect(boards().updateMember({ ...read, email: 'bob@example.org' }, read)).rejects.toThrow(AlreadyExistsError);
    expect(await boards().getMember(boardId, 'ann')).toEqual(read);
    expect(await marker(boardId, 'ann@example.org')).toMatchObject({ memberId: 'ann' });
    expect(await marker(boardId, 'bob@example.org')).toMatchObject({ memberId: 'bob' });
    await boards().removeMember(boardId, 'ann');
    await expect(boards().updateMember({ ...read, name: 'Ghost' }, read)).rejects.toThrow(NotFoundError);
  });

  it('serves the console core: of two editors of one member, the second is told to reload', async () => {
    const boardId = await boardWith(ann, { ...bob, roles: ['secretariat'] });
    const d = { boards: boards(), audit: new DynamoAuditTrail(cloud().doc, table()), clock: { now: () => new Date() } };
    const read = (await boards().getMember(boardId, 'ann'))!;
    const fingerprint = memberFingerprint(read);
    const actor = { email: 'bob@example.org', admin: false };
    const fields = { name: read.name, email: 'ann.new@example.org', organisation: read.organisation, roles: read.roles };
    const first = await updateMember(d, { boardId, memberId: 'ann', fingerprint, fields }, actor);
    expect(first).toMatchObject({ linksRevoked: true, member: { email: 'ann.new@example.org' } });
    await expect(updateMember(d, { boardId, memberId: 'ann', fingerprint, fields: { ...fields, name: 'Annie' } }, actor)).rejects.toThrow(
      'Someone else changed this member since you opened the page',
    );
  });
});

describe('DynamoBoardRepository.putBoard with its audit entry', () => {
  const note = (settings: string[]) => ({
    at: '2027-01-04T09:00:00.000Z',
    who: { kind: 'secretariat' as const, email: 'clerk@example.org' },
    what: { type: 'board-changed' as const, settings },
  });

  it('writes the change and its entry in one transaction, and neither when the board moved on', async () => {
    const boardId = await boardWith(ann);
    const trail = new DynamoAuditTrail(cloud().doc, table());
    const board = (await boards().getBoard(boardId))!;
    const saved = await boards().putBoard({ ...board, quorum: 5 }, board.version, note(['quorum']));
    expect(saved.quorum).toBe(5);
    expect((await trail.list(boardId)).map((e) => e.what)).toEqual([{ type: 'board-changed', settings: ['quorum'] }]);

    // A second editor who read the board before the first saved: refused, and no entry for it.
    await expect(boards().putBoard({ ...board, quorum: 7 }, board.version, note(['quorum']))).rejects.toBeInstanceOf(StaleVersionError);
    expect((await boards().getBoard(boardId))?.quorum).toBe(5);
    expect(await trail.list(boardId)).toHaveLength(1);
  });

  it('still writes the change when another append moved the trail on meanwhile', async () => {
    const boardId = await boardWith(ann);
    const trail = new DynamoAuditTrail(cloud().doc, table());
    const board = (await boards().getBoard(boardId))!;
    await Promise.all([
      boards().putBoard({ ...board, quorum: 4 }, board.version, note(['quorum'])),
      trail.append(boardId, { at: '2027-01-04T09:00:00.000Z', who: { kind: 'system' }, what: { type: 'board-changed', settings: ['venue'] } }),
    ]);
    expect((await boards().getBoard(boardId))?.quorum).toBe(4);
    expect(await trail.list(boardId)).toHaveLength(2);
  });
});
