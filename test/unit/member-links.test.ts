import { makeMemberLeaves } from '../../functions/admin/member-leaves';
import { makeHttpApp, type HttpRequest } from '../../functions/http/app';
import { makeHandleInboundMail } from '../../functions/inbound-mail/inbound-mail';
import { AlreadyExistsError } from '../../functions/shared/domain/errors';
import { linkHolder } from '../../functions/shared/domain/link-policy';
import { csrfFor } from '../../functions/shared/domain/links';
import { holderSeal, newMemberId } from '../../functions/shared/domain/member-identity';
import type { LinkRecord, Member } from '../../functions/shared/domain/types';
import { keys } from '../../functions/shared/table/keys';
import { makeIssueLink } from '../../functions/shared/services/issue-link';
import { makeWaitForAgendaConfirmation } from '../../functions/wait-for-agenda-confirmation/wait-for-agenda-confirmation';
import { makeWaitForChairApproval } from '../../functions/wait-for-chair-approval/wait-for-chair-approval';
import { item, member } from '../support/builders';
import { fakeDeps, InMemoryBoardRepository, MemoryTable, type FakeDeps } from '../support/fakes';
import { appLinks, BOARD, MINUTES, NOW, people, saveMinutes, scenario } from './cores/scenario';

const sealed = (m: Member): Member => ({ ...m, linkEpoch: `epoch-of-${m.memberId}` });
const linkTo = (m: Member, purpose: LinkRecord['purpose'] = 'view-papers'): Pick<LinkRecord, 'purpose' | 'memberId' | 'holderSeal'> => ({
  purpose,
  memberId: m.memberId,
  ...(holderSeal(m) !== undefined ? { holderSeal: holderSeal(m) } : {}),
});

describe('whom a link lets act (linkHolder)', () => {
  const ann = sealed(people.ann);
  const sam = sealed(people.secretariat);

  it('is the member it was issued to, while their seal is unchanged', () => {
    expect(linkHolder(linkTo(ann), [sam, ann])).toEqual({ holder: ann });
  });

  it('refuses once the holder is gone, whoever else is on the board', () => {
    expect(linkHolder(linkTo(ann), [sam])).toEqual({ refused: { reason: 'not-a-member' } });
  });

  it('refuses when the holder has a new epoch or a new email address, and a link without a seal', () => {
    expect(linkHolder(linkTo(ann), [{ ...ann, linkEpoch: 'another' }])).toEqual({ refused: { reason: 'revoked' } });
    expect(linkHolder(linkTo(ann), [{ ...ann, email: 'ann@elsewhere.org' }])).toEqual({ refused: { reason: 'revoked' } });
    expect(linkHolder({ purpose: 'view-papers', memberId: ann.memberId }, [ann])).toEqual({ refused: { reason: 'revoked' } });
    expect(linkHolder(linkTo(people.ann), [people.ann])).toEqual({ refused: { reason: 'revoked' } });
  });

  it("re-checks the role that the secretariat's and the chair's purposes need", () => {
    for (const purpose of ['confirm-agenda', 'submit-minutes', 'decide-due-date', 'decide-delegation', 'confirm-next-cycle'] as const) {
      expect(linkHolder(linkTo(sam, purpose), [sam])).toEqual({ holder: sam });
      expect(linkHolder(linkTo(sam, purpose), [{ ...sam, roles: ['member'] }])).toEqual({ refused: { reason: 'role', role: 'secretariat' } });
    }
    const cara = sealed(people.chair);
    for (const purpose of ['approve-minutes', 'reply-minutes'] as const) {
      expect(linkHolder(linkTo(cara, purpose), [cara])).toEqual({ holder: cara });
      expect(linkHolder(linkTo(cara, purpose), [{ ...cara, roles: ['member'] }])).toEqual({ refused: { reason: 'role', role: 'chair' } });
    }
    expect(linkHolder(linkTo(ann, 'update-action'), [ann])).toEqual({ holder: ann });
  });
});

describe('member ids', () => {
  it('are random and never reused on a board once removed', async () => {
    expect(newMemberId()).toMatch(/^m_[a-z2-7]{16}$/);
    expect(newMemberId()).not.toBe(newMemberId());
    const { d } = await scenario();
    await makeMemberLeaves(d)({ boardId: 'b', member: 'bob' });
    await expect(d.boards.addMembers([{ ...people.bob, email: 'robert@example.org' }])).rejects.toThrow(
      new AlreadyExistsError('Member id bob was used on board b before; a member id is never reused.'),
    );
  });
});

const get = (url: string): HttpRequest => ({ method: 'GET', path: new URL(url).pathname, query: {}, body: '', contentType: '' });
const post = (url: string, fields: Record<string, string>): HttpRequest => {
  const token = new URL(url).pathname.slice('/l/'.length);
  return {
    method: 'POST',
    path: new URL(url).pathname,
    query: {},
    body: new URLSearchParams({ csrf: csrfFor(token), ...fields }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
};

describe('a link through the app, on the fakes', () => {
  it('stops working when its holder is removed, and does not work as the next member with the same mailbox name', async () => {
    const { d } = await scenario();
    const app = makeHttpApp(d);
    const expiresAt = new Date(d.clock.now().getTime() + 90 * 86_400_000);
    const url = await makeIssueLink(d)({ purpose: 'view-papers', boardId: 'b', cycleId: 'c', memberId: 'bob', expiresAt });
    expect((await app(get(url))).statusCode).toBe(200);

    await makeMemberLeaves(d)({ boardId: 'b', member: 'bob@example.org' });
    await d.boards.addMembers([{ ...member(newMemberId(), 'Bob Other', 'Elsewhere'), email: 'bob@example.org' }]);

    const page = await app(get(url));
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('This link is no longer active');
    expect(page.body).toContain('no longer a member of Riverside Safety Board');
  });

  it('refuses a secretariat link once its holder is no longer secretariat, changing nothing; another secretariat member confirms', async () => {
    const { d, table } = await onOwnTable();
    await d.boards.addMembers([member('sue', 'Sue Second', 'Council', ['secretariat'])]);
    await d.cycles.putItems('c', [item(1, 'Apologies')]);
    await makeWaitForAgendaConfirmation(d)({ boardId: 'b', cycleId: 'c', taskToken: 't1' });
    const linkOf = (email: string) => appLinks(d.emails('agenda-confirmation-request').find((e) => e.to[0]?.email === email))[0]!;
    // No command changes a member's roles yet: the test edits the record as one would.
    const sam = (await d.boards.getMember('b', 'sam'))!;
    table.put(keys.member('b', 'sam'), { ...sam, roles: ['member'] });
    const app = makeHttpApp(d);
    const form = { order_1: '1', title_1: 'Apologies', keep_1: 'yes' };

    const refused = await app(post(linkOf(people.secretariat.email), form));
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('It was sent to the secretariat of Riverside Safety Board, and its holder no longer is');
    expect(d.workflow.resumed).toEqual([]);
    expect(d.links.forUrl(linkOf(people.secretariat.email))?.usedAt).toBeUndefined();

    expect((await app(post(linkOf('sue@example.org'), form))).statusCode).toBe(200);
    expect(d.workflow.resumed).toHaveLength(1);
  });
});

describe('a reply address', () => {
  it('is refused once the chair it was issued to has left, and the minutes stay as they were', async () => {
    const { d, ref } = await scenario({ now: '2027-03-15T09:00:00.000Z' });
    await d.boards.addMembers([member('carl', 'Carl Chair', 'Council', ['chair', 'member'])]);
    await saveMinutes(d, MINUTES);
    await makeWaitForChairApproval(d)({ ...ref, taskToken: 'approval-token', minutesVersion: 1 });
    const replyTo = d.emails('chair-approval-request').find((e) => e.to[0]?.email === people.chair.email)!.replyTo!;
    await makeMemberLeaves(d)({ boardId: 'b', member: 'cara' });

    const raw = ['From: cara@example.org', `To: ${replyTo}`, 'Subject: Re', 'Message-ID: <r1@mail.example.org>', '', 'Approved', ''].join('\r\n');
    await d.documents.putText('inbound/r1', raw, 'message/rfc822');
    const outcome = await makeHandleInboundMail(d)({ messageId: 'r1', s3Key: 'inbound/r1', recipients: [replyTo], verdicts: PASS });

    expect(outcome).toMatchObject({ status: 'refused' });
    expect((await d.cycles.getMinutes('c', 1))?.status).toBe('submitted');
    expect(d.workflow.resumed).toEqual([]);
  });
});

const PASS = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

/** Board "b", its people and cycle "c" as `scenario()` has them, with the members in a table the test can write to. */
async function onOwnTable(): Promise<{ d: FakeDeps; table: MemoryTable }> {
  const { cycle } = await scenario();
  const table = new MemoryTable();
  const d: FakeDeps = { ...fakeDeps({ now: NOW }), boards: new InMemoryBoardRepository(table) };
  await d.boards.putBoard(BOARD);
  await d.boards.addMembers(Object.values(people));
  await d.cycles.createCycle(cycle);
  return { d, table };
}
