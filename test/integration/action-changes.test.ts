import { makeStartCycle } from '../../functions/admin/start-cycle';
import { makeNotifyActionOwners } from '../../functions/notify-action-owners/notify-action-owners';
import { planUpdate } from '../../functions/shared/domain/action-changes';
import { changeAction } from '../../functions/shared/services/action-changes';
import { DAY_MS } from '../../functions/shared/domain/calendar';
import { makeIssueLink } from '../../functions/shared/services/issue-link';
import { csrfFor } from '../../functions/shared/domain/links';
import type { Action, Cycle, Member } from '../../functions/shared/domain/types';
import type { ActionRepository } from '../../functions/shared/ports';
import { appLinks, follow, submit, type FetchedPage } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(90_000);
const cloud = useLocalCloud();
const PRIYA = 'priya.shah@example.org';
const TOM = 'tom.okafor@example.org';
const SAM = 'sam.reid@example.org';
const SECRETARIAT = 'secretariat@example.org';
let cycle: Cycle;
let members: Member[];
let sources = 0;

const idOf = (email: string): string => {
  const member = members.find((m) => m.email === email);
  if (!member) throw new Error(`No demo member ${email}`);
  return member.memberId;
};
const emails = (kind: string, to?: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === kind && (to === undefined || e.to.includes(to)));
/** The latest email of `kind` to `to` about action `n`, and its first app link. */
const linkOf = (kind: string, to: string, n: number): string => {
  const email = emails(kind, to)
    .filter((e) => new RegExp(`\\baction ${n}\\b`, 'i').test(e.subject))
    .at(-1);
  const link = email && appLinks(email.text, cloud().appUrl)[0];
  if (!link) throw new Error(`No ${kind} email about action ${n} to ${to}`);
  return link;
};
const action = async (a: Action): Promise<Action> => (await cloud().deps.actions.getAction(DEMO_BOARD_ID, a.actionId)) as Action;
const history = (a: Action) => cloud().deps.actions.listEvents(a.actionId);
const post = (url: string, body: Record<string, string>) =>
  fetch(url, { method: 'POST', body: new URLSearchParams(body), headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });

/** A new action of the cycle owned by `owners`, with each owner's update request sent as when minutes are published. */
async function newAction(text: string, owners: string[], due?: string): Promise<Action> {
  const d = cloud().deps;
  const [created] = await d.actions.createActions(DEMO_BOARD_ID, `${cycle.cycleId}#action-changes-${++sources}`, [
    { cycleId: cycle.cycleId, ownerMemberIds: owners.map(idOf), ownersAsWritten: owners, text, status: 'open', ...(due ? { due } : {}) },
  ]);
  await makeNotifyActionOwners(d)({ boardId: DEMO_BOARD_ID, cycleId: cycle.cycleId });
  return created as Action;
}
const updatePage = (a: Action, owner: string): Promise<FetchedPage> => follow(linkOf('action-update-request', owner, a.number));

beforeAll(async () => {
  ({ cycle } = await makeStartCycle(cloud().deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' }));
  members = await cloud().deps.boards.listMembers(DEMO_BOARD_ID);
});

describe("an owner's update page", () => {
  it('shows the action, says the link is its holder’s, and offers an update and a hand-over', async () => {
    const a = await newAction('Circulate the partnership plan.', [PRIYA], '2027-02-15');
    const page = await updatePage(a, PRIYA);
    expect(page.status).toBe(200);
    expect(page.html).toContain('This link is yours: to hand the action on, use the form below');
    expect(page.html).toContain('Monday 15 February 2027');
    expect(page.forms.map((f) => f.submitLabel)).toEqual(['Save update', 'Ask the secretariat to hand it on']);
    expect(page.html).toMatch(/<input type="date" id="new_due" name="new_due" min="2026-11-02">/);
    const delegates = [...page.html.matchAll(/<option value="([^"]*)">/g)].map((m) => m[1]);
    expect(delegates).toContain(idOf(TOM));
    expect(delegates).not.toContain(idOf(PRIYA));
  });
});

describe('a note over the limit', () => {
  it('refuses a 50,000-character note with the limit and its length, and stores nothing', async () => {
    const a = await newAction('Write to the council.', [PRIYA]);
    const page = await updatePage(a, PRIYA);
    expect(page.html).toContain('<textarea id="note" name="note" maxlength="2000">');
    const answer = await submit(page, 'Save update', { status: 'done', note: 'x'.repeat(50_000) });
    expect(answer.status).toBe(422);
    expect(answer.html).toContain('Notes are limited to 2,000 characters; yours has 50,000 characters.');
    expect(await action(a)).toMatchObject({ status: 'open', version: 1 });
    expect(await history(a)).toEqual([]);
  });
});

describe('proposing a new due date', () => {
  let a: Action;
  beforeAll(async () => {
    a = await newAction('Report on knife crime hotspots.', [PRIYA], '2027-02-15');
  });

  it('refuses a date that does not exist or has passed, and stores nothing', async () => {
    const page = await updatePage(a, PRIYA);
    for (const [date, says] of [
      ['2027-02-30', 'must be a real date'],
      ['2026-10-30', 'Friday 30 October 2026, is in the past'],
    ] as const) {
      const answer = await submit(page, 'Save update', { new_due: date });
      expect(answer.status).toBe(422);
      expect(answer.html).toContain(says);
    }
    expect((await action(a)).version).toBe(1);
  });

  it('records the update and the proposal, and asks the secretariat by email with a link', async () => {
    const answer = await submit(await updatePage(a, PRIYA), 'Save update', {
      status: 'in-progress',
      note: 'Waiting for police data.',
      new_due: '2027-03-31',
      due_reason: 'The data arrives in March.',
    });
    expect(answer.title).toBe('Update saved');
    expect(answer.html).toContain('Your proposed due date, Wednesday 31 March 2027, has gone to the secretariat');
    const now = await action(a);
    expect(now).toMatchObject({
      status: 'in-progress',
      due: '2027-02-15',
      pendingDue: { due: '2027-03-31', by: idOf(PRIYA), reason: 'The data arrives in March.' },
    });
    expect((await history(a)).map((e) => [e.kind, e.note])).toEqual([
      ['update', 'Waiting for police data.'],
      ['due-proposed', expect.stringContaining('Proposed a new due date: Wednesday 31 March 2027')],
    ]);
    const asks = emails('action-due-proposed', SECRETARIAT);
    expect(asks.map((e) => e.subject)).toEqual([`Action ${a.number}: new due date proposed (Wednesday 31 March)`]);
    expect(asks[0]?.html).toContain('The data arrives in March.');
  });

  it('shows the proposal to the secretariat and, accepted, changes the due date and tells the owner', async () => {
    const decide = await follow(linkOf('action-due-proposed', SECRETARIAT, a.number));
    expect(decide.title).toBe(`Action ${a.number}: new due date proposed`);
    expect(decide.html).toContain('from Monday 15 February 2027 to Wednesday 31 March 2027');
    const answer = await submit(decide, 'Accept Wednesday 31 March 2027');
    expect(answer.title).toBe('New due date accepted');
    const now = await action(a);
    expect(now.due).toBe('2027-03-31');
    expect(now.pendingDue).toBeUndefined();
    expect((await history(a)).at(-1)).toMatchObject({ kind: 'due-accepted', by: idOf(SECRETARIAT) });
    const told = emails('action-due-decision', PRIYA);
    expect(told.map((e) => e.subject)).toEqual([`Action ${a.number}: new due date accepted (Wednesday 31 March)`]);
    // Single use: the link now says what was done, and a second click changes nothing.
    expect((await follow(decide.url)).title).toBe('Already done');
    expect((await submit(decide, 'Decline')).title).toBe('Already done');
    expect((await action(a)).version).toBe(now.version);
  });

  it('declined, keeps the due date and tells the owner why', async () => {
    await submit(await updatePage(a, PRIYA), 'Save update', { new_due: '2027-06-30' });
    const decide = await follow(linkOf('action-due-proposed', SECRETARIAT, a.number));
    const answer = await submit(decide, 'Decline', { reason: 'The board needs it before the April meeting.' });
    expect(answer.title).toBe('New due date declined');
    expect(await action(a)).toMatchObject({ due: '2027-03-31' });
    expect((await action(a)).pendingDue).toBeUndefined();
    const told = emails('action-due-decision', PRIYA).at(-1);
    expect(told?.subject).toBe(`Action ${a.number}: new due date not accepted`);
    expect(told?.text).toContain('Reason: The board needs it before the April meeting.');
  });

  it('replaces a pending proposal with a later one; the earlier link says it was superseded and decides nothing', async () => {
    await submit(await updatePage(a, PRIYA), 'Save update', { new_due: '2027-05-01' });
    const first = await follow(linkOf('action-due-proposed', SECRETARIAT, a.number));
    await submit(await updatePage(a, PRIYA), 'Save update', { new_due: '2027-05-14' });
    const second = await follow(linkOf('action-due-proposed', SECRETARIAT, a.number));
    expect(second.url).not.toBe(first.url);

    expect((await follow(first.url)).title).toBe('This proposal was superseded');
    const late = await submit(first, 'Accept Saturday 1 May 2027');
    expect(late.status).toBe(409);
    expect((await action(a)).due).toBe('2027-03-31');

    expect((await submit(second, 'Accept Friday 14 May 2027')).title).toBe('New due date accepted');
    expect((await action(a)).due).toBe('2027-05-14');
  });
});

describe('handing an action on', () => {
  it('asks the secretariat; confirmed, the new owner takes over with their own link and the old owner is told', async () => {
    const a = await newAction('Brief the Board on reoffending.', [TOM], '2027-02-28');
    const tomPage = await updatePage(a, TOM);
    const asked = await submit(tomPage, 'Ask the secretariat to hand it on', { delegate: idOf(SAM), delegate_reason: 'Sam now leads on reoffending.' });
    expect(asked.title).toBe('Hand-over requested');
    expect((await action(a)).pendingDelegation).toMatchObject({ from: idOf(TOM), to: idOf(SAM), reason: 'Sam now leads on reoffending.' });
    expect(emails('action-delegation-proposed', SECRETARIAT).at(-1)?.subject).toBe(`Action ${a.number}: confirm hand-over to Sam Reid`);

    const decide = await follow(linkOf('action-delegation-proposed', SECRETARIAT, a.number));
    expect(decide.html).toContain(`Tom Okafor asks to hand action ${a.number} to Sam Reid.`);
    const answer = await submit(decide, 'Confirm: hand it to Sam Reid');
    expect(answer.title).toBe('Hand-over confirmed');

    const now = await action(a);
    expect(now.ownerMemberIds).toEqual([idOf(SAM)]);
    expect(now.pendingDelegation).toBeUndefined();
    expect((await history(a)).map((e) => e.kind)).toEqual(['delegation-requested', 'delegation-confirmed']);
    expect(emails('action-delegation-decision', TOM).at(-1)?.subject).toBe(`Action ${a.number} handed to Sam Reid`);
    const samsRequest = emails('action-update-request', SAM).find((e) => e.subject.includes(`action ${a.number}`));
    expect(samsRequest?.text).toContain('Tom Okafor handed this action to you, and the secretariat confirmed it: it is yours now.');
    const samPage = await updatePage(a, SAM);
    expect(samPage.forms.map((f) => f.submitLabel)).toContain('Save update');
    expect((await submit(samPage, 'Save update', { status: 'in-progress', note: 'Picked up from Tom.' })).title).toBe('Update saved');

    // Tom's link shows the action but updates nothing any more, even from the page he had open.
    const tomNow = await follow(tomPage.url);
    expect(tomNow.html).toContain('You are no longer an owner');
    expect(tomNow.forms).toEqual([]);
    const late = await submit(tomPage, 'Save update', { status: 'done' });
    expect(late.status).toBe(409);
    expect((await action(a)).status).toBe('in-progress');
  });

  it('declined, leaves the owners as they were and tells the owner who asked, with the reason', async () => {
    const a = await newAction('Audit the CCTV estate.', [TOM]);
    await submit(await updatePage(a, TOM), 'Ask the secretariat to hand it on', { delegate: idOf(PRIYA), delegate_reason: 'Priya holds the budget.' });
    const answer = await submit(await follow(linkOf('action-delegation-proposed', SECRETARIAT, a.number)), 'Decline', { reason: 'Priya is away until June.' });
    expect(answer.title).toBe('Hand-over declined');
    const now = await action(a);
    expect(now.ownerMemberIds).toEqual([idOf(TOM)]);
    expect(now.pendingDelegation).toBeUndefined();
    const told = emails('action-delegation-decision', TOM).at(-1);
    expect(told?.subject).toBe(`Action ${a.number} stays with you: hand-over not confirmed`);
    expect(told?.text).toContain('Reason: Priya is away until June.');
    expect(emails('action-update-request', PRIYA).some((e) => e.subject.includes(`action ${a.number}`))).toBe(false);
  });

  it('refuses a hand-over to nobody, or without a reason, and stores nothing', async () => {
    const a = await newAction('Refresh the information-sharing agreement.', [TOM]);
    const answer = await submit(await updatePage(a, TOM), 'Ask the secretariat to hand it on', { delegate: '', delegate_reason: '' });
    expect(answer.status).toBe(422);
    expect(answer.html).toContain('Choose the board member who should take the action on.');
    expect(answer.html).toContain('Say why you are handing the action on.');
    expect((await action(a)).version).toBe(1);
  });
});

describe('a closed action', () => {
  it('shows its final state and history on its link, with no form', async () => {
    const a = await newAction('Publish the annual report.', [PRIYA]);
    const page = await updatePage(a, PRIYA);
    await submit(page, 'Save update', { status: 'done', note: 'Published on the website.' });
    const after = await follow(page.url);
    expect(after.status).toBe(200);
    expect(after.title).toBe(`Action ${a.number} is done`);
    expect(after.html).toContain('Published on the website.');
    expect(after.forms).toEqual([]);
    const late = await submit(page, 'Save update', { status: 'open' });
    expect(late.status).toBe(409);
    expect((await action(a)).status).toBe('done');
  });
});

describe('two writers at once', () => {
  it('keeps both owners’ updates, each once, when they save at the same moment', async () => {
    const a = await newAction('Joint patrol plan.', [PRIYA, TOM]);
    const [priya, tom] = await Promise.all([updatePage(a, PRIYA), updatePage(a, TOM)]);
    const answers = await Promise.all([
      submit(priya, 'Save update', { status: 'in-progress', note: 'Priya: routes drafted.' }),
      submit(tom, 'Save update', { status: 'in-progress', note: 'Tom: officers assigned.' }),
      submit(priya, 'Save update', { status: 'in-progress', note: 'Priya: maps printed.' }),
      submit(tom, 'Save update', { status: 'in-progress', note: 'Tom: rota agreed.' }),
    ]);
    expect(answers.map((p) => p.status)).toEqual([200, 200, 200, 200]);
    const notes = (await history(a)).map((e) => e.note);
    expect([...notes].sort()).toEqual(['Priya: maps printed.', 'Priya: routes drafted.', 'Tom: officers assigned.', 'Tom: rota agreed.']);
    expect((await action(a)).version).toBe(5);
  });

  it('keeps a co-owner’s update and a hand-over confirmed at the same moment', async () => {
    const a = await newAction('Knife amnesty bins.', [PRIYA, TOM]);
    await submit(await updatePage(a, TOM), 'Ask the secretariat to hand it on', { delegate: idOf(SAM), delegate_reason: 'Sam runs the amnesty.' });
    const [priya, decide] = await Promise.all([updatePage(a, PRIYA), follow(linkOf('action-delegation-proposed', SECRETARIAT, a.number))]);
    const [updated, confirmed] = await Promise.all([
      submit(priya, 'Save update', { status: 'in-progress', note: 'Bins ordered.' }),
      submit(decide, 'Confirm: hand it to Sam Reid'),
    ]);
    expect([updated.title, confirmed.title]).toEqual(['Update saved', 'Hand-over confirmed']);
    const now = await action(a);
    expect(now).toMatchObject({ status: 'in-progress', ownerMemberIds: [idOf(PRIYA), idOf(SAM)], version: 4 });
    expect((await history(a)).map((e) => e.kind).sort()).toEqual(['delegation-confirmed', 'delegation-requested', 'update']);
  });

  it('retries a write that lost the race on the DynamoDB version condition, and keeps both in the order they won', async () => {
    // Arrange: both writers read version 1 before either writes, so one write must lose and retry.
    const a = await newAction('Street lighting survey.', [PRIYA, TOM]);
    const real = cloud().deps.actions;
    let waiting: (() => void)[] = [];
    let reads = 0;
    const barrier: ActionRepository = Object.assign(Object.create(real) as ActionRepository, {
      getAction: async (boardId: string, actionId: string) => {
        const read = await real.getAction(boardId, actionId);
        if (++reads <= 2) {
          await new Promise<void>((resolve) => {
            waiting.push(resolve);
            if (waiting.length === 2) waiting.forEach((r) => r());
          });
        }
        return read;
      },
      recordChange: real.recordChange.bind(real),
    });
    const d: Parameters<typeof changeAction>[0] = { ...cloud().deps, actions: barrier };
    const update = (member: string, note: string) =>
      changeAction(d, DEMO_BOARD_ID, a.actionId, (current, at) =>
        planUpdate(current, { status: 'in-progress', note }, { by: idOf(member), at, name: (id) => id, changeId: 'unused' }),
      );

    // Act
    const results = await Promise.all([update(PRIYA, 'First writer.'), update(TOM, 'Second writer.')]);
    waiting = [];

    // Assert: three reads (one retry), both entries kept, versions 2 and 3 in the order the writes won.
    expect(reads).toBe(3);
    const versions = results.map((r) => r.action.version).sort();
    expect(versions).toEqual([2, 3]);
    const winner = results.find((r) => r.action.version === 2);
    const events = await history(a);
    expect(events.map((e) => e.by)).toEqual(winner === results[0] ? [idOf(PRIYA), idOf(TOM)] : [idOf(TOM), idOf(PRIYA)]);
    expect((await action(a)).version).toBe(3);
  });
});

describe('an expired link', () => {
  let a: Action;
  let expired: string;
  let closedAction: Action;
  let closedLink: string;
  beforeAll(async () => {
    const d = cloud().deps;
    a = await newAction('Map youth services.', [PRIYA], '2027-03-01');
    await submit(await updatePage(a, PRIYA), 'Save update', { status: 'in-progress', note: 'Half the boroughs mapped.' });
    closedAction = await newAction('Thank the volunteers.', [PRIYA]);
    await submit(await updatePage(closedAction, PRIYA), 'Save update', { status: 'done', note: 'Letters sent.' });
    const issue = makeIssueLink(d);
    const shortLived = (subject: string) =>
      issue({
        purpose: 'update-action',
        boardId: DEMO_BOARD_ID,
        cycleId: cycle.cycleId,
        memberId: idOf(PRIYA),
        subject,
        expiresAt: new Date(d.clock.now().getTime() + DAY_MS),
      });
    [expired, closedLink] = await Promise.all([shortLived(a.actionId), shortLived(closedAction.actionId)]);
    await cloud().sfn.advanceTo(new Date(d.clock.now().getTime() + 2 * DAY_MS));
  });

  it("shows the action's current state and offers a fresh link, but no form that saves", async () => {
    const page = await follow(expired);
    expect(page.status).toBe(410);
    expect(page.title).toBe('This link has expired');
    expect(page.html).toContain('Half the boroughs mapped.');
    expect(page.forms.map((f) => f.submitLabel)).toEqual(['Email me a fresh link']);
  });

  it('saves nothing from a form sent after expiry', async () => {
    const before = (await action(a)).version;
    const token = expired.split('/l/')[1] ?? '';
    const res = await post(expired, { csrf: csrfFor(token), do: 'update', status: 'done', note: 'Late' });
    expect(res.status).toBe(410);
    expect((await action(a)).version).toBe(before);
    expect(emails('action-fresh-link')).toHaveLength(0);
  });

  it('refuses a refresh without the CSRF value bound to the link', async () => {
    const res = await post(expired, { refresh: 'yes', csrf: 'forged' });
    expect(res.status).toBe(403);
    expect(emails('action-fresh-link')).toHaveLength(0);
  });

  it('emails a fresh link to the holder only, whatever the form says, and says where it went (masked)', async () => {
    const page = await follow(expired);
    const answer = await submit(page, 'Email me a fresh link', { email: 'someone.else@evil.example', to: 'someone.else@evil.example' });
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('A fresh link is on its way to p***@example.org');
    const sent = emails('action-fresh-link');
    expect(sent.map((e) => e.to)).toEqual([[PRIYA]]);
    const fresh = await follow(linkOf('action-fresh-link', PRIYA, a.number));
    expect(fresh.status).toBe(200);
    expect(fresh.forms.map((f) => f.submitLabel)).toContain('Save update');
  });

  it('sends at most one fresh link per link per day', async () => {
    const again = await submit(await follow(expired), 'Email me a fresh link');
    expect(again.status).toBe(429);
    expect(again.html).toContain('A fresh link went to p***@example.org today');
    expect(emails('action-fresh-link')).toHaveLength(1);

    await cloud().sfn.advanceTo(new Date(cloud().deps.clock.now().getTime() + DAY_MS));
    expect((await submit(await follow(expired), 'Email me a fresh link')).status).toBe(200);
    expect(emails('action-fresh-link')).toHaveLength(2);
  });

  it('of a closed action shows its final state and history, with no form and no refresh', async () => {
    const page = await follow(closedLink);
    expect(page.status).toBe(200);
    expect(page.title).toBe(`Action ${closedAction.number} is done`);
    expect(page.html).toContain('Letters sent.');
    expect(page.forms).toEqual([]);
    const token = closedLink.split('/l/')[1] ?? '';
    await post(closedLink, { csrf: csrfFor(token), refresh: 'yes' });
    expect(emails('action-fresh-link').filter((e) => e.subject.includes(`action ${closedAction.number}`))).toHaveLength(0);
  });
});
