import { addMember, updateMember, memberFingerprint } from '../../functions/admin/members';
import { setViceChair } from '../../functions/admin/vice-chair';
import { approvalRoute, approvalStatement, chairConflicted, viceChairOf } from '../../functions/shared/domain/approval-route';
import { operator } from '../../functions/shared/domain/audit';
import { NotFoundError, ValidationError } from '../../functions/shared/domain/errors';
import { linkHolder } from '../../functions/shared/domain/link-policy';
import { holderSeal } from '../../functions/shared/domain/member-identity';
import { parseMembersCsv } from '../../functions/shared/domain/members-csv';
import type { Member } from '../../functions/shared/domain/types';
import { member } from '../support/builders';
import { fakeDeps } from '../support/fakes';
import { BOARD, NOW } from './cores/scenario';

const chair = member('cara', 'Cara Chair', 'Council', ['chair', 'member']);
const vice = member('vic', 'Vic Vice', 'Police', ['member', 'vice-chair']);
const ann = member('ann', 'Ann Able', 'Health');
const board = [chair, vice, ann];
const apologies = (who: Member) => [{ memberId: who.memberId, status: 'apologies' as const }];

describe('who approves the minutes', () => {
  it('is the chair, who answered nothing yet, attends and has declared nothing', () => {
    expect(approvalRoute({ members: board, attendance: [], chases: 2 })).toEqual({ approver: chair, capacity: 'chair' });
  });

  it('is the vice-chair when the chair sent apologies', () => {
    expect(approvalRoute({ members: board, attendance: apologies(chair) })).toEqual({ approver: vice, capacity: 'vice-chair', because: 'chair-apologies' });
  });

  it('is the vice-chair once the chair let the second reminder pass, and stays so', () => {
    expect(approvalRoute({ members: board, attendance: [], chases: 3 })).toMatchObject({ approver: vice, because: 'chair-silent' });
    const handover = { to: 'vic', because: 'chair-silent' as const, at: NOW };
    expect(approvalRoute({ members: board, attendance: [], chases: 0, handover })).toMatchObject({ approver: vice, because: 'chair-silent' });
  });

  it('is the vice-chair when the chair declared an interest (the declarations hook)', () => {
    expect(chairConflicted(chair, [])).toBe(false);
    expect(chairConflicted(chair, [{ memberId: 'ann' }])).toBe(false);
    expect(chairConflicted(chair, [{ memberId: 'cara', prejudicial: true }])).toBe(true);
    const declarations = [{ memberId: 'cara' }];
    expect(approvalRoute({ members: board, attendance: [], declarations })).toMatchObject({ approver: vice, because: 'chair-conflicted' });
  });

  it('stays with the chair when the board has no vice-chair to ask', () => {
    expect(approvalRoute({ members: [chair, ann], attendance: apologies(chair), chases: 4 })).toEqual({ approver: chair, capacity: 'chair' });
  });

  it('gives a removed vice-chair nothing: the chair is asked again', () => {
    const handover = { to: 'vic', because: 'chair-apologies' as const, at: NOW };
    expect(approvalRoute({ members: [chair, ann], attendance: [], chases: 4, handover })).toEqual({ approver: chair, capacity: 'chair' });
  });

  it('knows no vice-chair who is also the chair, nor one of two', () => {
    const both = member('cara', 'Cara Chair', 'Council', ['chair', 'vice-chair']);
    expect(viceChairOf([both, ann])).toBeUndefined();
    expect(viceChairOf([chair, vice, member('v2', 'Val Two', 'X', ['vice-chair'])])).toBeUndefined();
    expect(viceChairOf(board)).toBe(vice);
  });

  it('names the vice-chair and their title in the approval statement; the chair as before', () => {
    expect(approvalStatement({ name: 'Vic Vice', approvedAs: 'vice-chair', via: 'link', on: 'Tuesday 9 March 2027', version: 2 })).toBe(
      'Approved by Vic Vice, Vice-Chair, on Tuesday 9 March 2027 (version 2).',
    );
    expect(approvalStatement({ name: 'Cara Chair', via: 'reply', on: 'Tuesday 9 March 2027', version: 1 })).toBe(
      'Approved by Cara Chair by email reply on Tuesday 9 March 2027 (version 1).',
    );
  });
});

describe("the vice-chair's approval link", () => {
  it('works for the vice-chair it was issued to, and for nobody once they lose the role', () => {
    const sealed = (m: Member): Member => ({ ...m, linkEpoch: `epoch-${m.memberId}` });
    const [v, a] = [sealed(vice), sealed(ann)];
    const link = { purpose: 'approve-minutes' as const, memberId: 'vic', holderSeal: holderSeal(v) };
    expect(linkHolder(link, [chair, v, a]).holder).toBe(v);
    const demoted = { ...v, roles: ['member'] as Member['roles'] };
    expect(linkHolder(link, [chair, demoted, a]).refused).toEqual({ reason: 'role', role: 'chair' });
    expect(linkHolder({ ...link, memberId: 'ann', holderSeal: holderSeal(a) }, [chair, v, a]).refused).toEqual({ reason: 'role', role: 'chair' });
  });
});

describe('naming a vice-chair', () => {
  async function boardWith(members: Member[]) {
    const d = fakeDeps({ now: NOW });
    await d.boards.putBoard(BOARD);
    await d.boards.addMembers(members);
    return d;
  }
  const admin = { email: 'admin@example.org', admin: true };

  it('refuses the chair as vice-chair, in the console form, the CSV import and the CLI, changing nothing', async () => {
    const d = await boardWith([chair, ann]);
    const fields = { name: 'Cara Chair', email: chair.email, organisation: 'Council', roles: ['chair', 'vice-chair'] as Member['roles'] };
    await expect(updateMember(d, { boardId: 'b', memberId: 'cara', fingerprint: memberFingerprint(chair), fields }, admin)).rejects.toThrow(
      'cannot be both chair and vice-chair',
    );
    const csv = parseMembersCsv('b', 'name,email,organisation,roles\nZed,zed@example.org,X,chair;vice-chair\n', []);
    expect(csv.errors).toEqual([{ line: 2, message: 'cannot be both chair and vice-chair' }]);
    await expect(setViceChair(d, { boardId: 'b', member: chair.email }, operator('t'))).rejects.toThrow(ValidationError);
    await expect(setViceChair(d, { boardId: 'b', member: 'cara' }, operator('t'))).rejects.toThrow('is the chair: the vice-chair must be someone else');
    expect((await d.boards.getMember('b', 'cara'))?.roles).toEqual(['chair', 'member']);
  });

  it('refuses a second vice-chair from the console, naming the first', async () => {
    const d = await boardWith([chair, vice, ann]);
    const fields = { name: 'Ann Able', email: ann.email, organisation: 'Health', roles: ['member', 'vice-chair'] as Member['roles'] };
    await expect(updateMember(d, { boardId: 'b', memberId: 'ann', fingerprint: memberFingerprint(ann), fields }, admin)).rejects.toThrow(
      'Vic Vice is already the vice-chair: take the role from them first',
    );
    await expect(addMember(d, 'b', { ...fields, email: 'new@example.org', name: 'New One' }, admin)).rejects.toThrow('already the vice-chair');
  });

  it('moves the role from the old vice-chair to the new one, and can leave the board without one', async () => {
    const d = await boardWith([chair, vice, ann]);
    const moved = await setViceChair(d, { boardId: 'b', member: 'ANN@example.org' }, operator('t'));
    expect(moved.viceChair?.memberId).toBe('ann');
    expect(moved.was?.memberId).toBe('vic');
    expect(viceChairOf(await d.boards.listMembers('b'))?.memberId).toBe('ann');
    await setViceChair(d, { boardId: 'b' }, operator('t'));
    expect(viceChairOf(await d.boards.listMembers('b'))).toBeUndefined();
    await expect(setViceChair(d, { boardId: 'b', member: 'nobody@example.org' }, operator('t'))).rejects.toThrow(NotFoundError);
  });
});
