import { CYCLE_ROUTES } from '../../../functions/console/cycles/routes';
import type { ConsoleResponse, Principal } from '../../../functions/console/types';
import { DEFAULT_RULES } from '../../../functions/shared/domain/board-defaults';
import { STATES } from '../../../functions/shared/domain/states';
import type { Board, Cycle } from '../../../functions/shared/domain/types';
import { messageTo } from '../../../functions/shared/services/notify';
import { outboxKeys } from '../../../functions/shared/table/outbox-keys';
import { item } from '../../support/builders';
import { principal, routeContext } from '../../support/console';
import type { FakeDeps } from '../../support/fakes';
import { people, scenario, upload } from '../cores/scenario';

const SECRETARIAT = principal('sam@example.org', { b: 'secretariat' });
const CHAIR = principal('cara@example.org', { b: 'chair' });
const STATE_NAME = new RegExp(`\\b(${Object.keys(STATES).join('|')})\\b`);
const FAILURE = { error: 'PartialSendError', cause: 'Sent to 2 of 4 members; not sent: ann, bob.', at: '2027-03-01T09:05:00.000Z' };

async function run(
  d: FakeDeps,
  method: 'GET' | 'POST',
  suffix: string,
  input: { who?: Principal; form?: Record<string, string>; query?: Record<string, string> } = {},
): Promise<ConsoleResponse & { text: string }> {
  const path = `/console/boards/:board/cycles/:cycle${suffix}`;
  const found = CYCLE_ROUTES.find((r) => r.method === method && r.path === path)!;
  const ctx = routeContext(d, {
    principal: input.who ?? SECRETARIAT,
    board: (await d.boards.getBoard('b')) as Board,
    cycle: (await d.cycles.getCycle('b', 'c')) as Cycle,
    params: { board: 'b', cycle: 'c' },
    ...(input.form ? { form: { csrf: 'test-csrf', ...input.form } } : {}),
    ...(input.query ? { query: input.query } : {}),
  });
  const res = await found.handle(ctx);
  return {
    ...res,
    text: String(res.body)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' '),
  };
}

const page = (d: FakeDeps, who?: Principal, query?: Record<string, string>) => run(d, 'GET', '', { ...(who ? { who } : {}), ...(query ? { query } : {}) });
const post = (d: FakeDeps, action: 'move' | 'cancel' | 'resume', form: Record<string, string>) => run(d, 'POST', `/${action}`, { form });

/** Cycle "c" just before its meeting: 3 papers asked for and 2 received, the pack out, apologies, emails. */
async function busyCycle(): Promise<FakeDeps> {
  const { d } = await scenario({ now: '2027-03-04T12:00:00.000Z', cycle: { phase: STATES.WaitForMeeting } });
  await d.cycles.putItems('c', [
    item(1, 'Apologies'),
    item(2, 'Budget', { paperExpected: true, presenterMemberId: 'ann' }),
    item(3, 'Road plan', { paperExpected: true, presenterMemberId: 'bob' }),
    item(4, 'Risk register', { paperExpected: true, presenterMemberId: 'cara' }),
  ]);
  await upload(d, 2, { size: 1000 });
  await upload(d, 2, { size: 2_500_000 });
  await upload(d, 3, { size: 300_000 });
  await d.cycles.updateCycle('b', 'c', () => ({
    packs: {
      members: { s3Key: 'packs/c/members.pdf', pages: 24, size: 3_200_000 },
      public: { s3Key: 'packs/c/public.pdf', pages: 20, size: 3_000_000 },
      builtAt: '2027-03-02T09:00:00.000Z',
    },
  }));
  await d.cycles.recordPackOpened('c', 'ann', '2027-03-02T10:00:00.000Z');
  await d.cycles.recordPackOpened('c', 'ann', '2027-03-03T10:00:00.000Z');
  await d.cycles.recordPackOpened('c', 'bob', '2027-03-02T11:00:00.000Z');
  await d.cycles.setAttendance({ cycleId: 'c', memberId: 'bob', status: 'apologies', at: '2027-03-03T08:00:00.000Z' });
  await d.sendOnce(
    outboxKeys.circulationTo(outboxKeys.circulation('c'), 'ann'),
    messageTo(people.ann, 'circulation', { subject: 'Papers for 10 March', html: 'x', text: 'x' }),
  );
  // An attempt that claimed Bob's copy and stopped before sending it.
  await d.outbox.claim(outboxKeys.circulationTo(outboxKeys.circulation('c'), 'bob'), '2027-03-02T09:01:00.000Z', undefined, undefined, {
    kind: 'circulation',
    to: ['bob@example.org'],
    subject: 'Papers for 10 March',
  });
  await d.sendOnce(
    outboxKeys.actionReminder('b', '2027-03-02', 'ann'),
    messageTo(people.ann, 'action-reminder', { subject: 'Board-level', html: 'x', text: 'x' }),
  );
  return d;
}

describe("the cycle's page", () => {
  it('says where the cycle stands and shows its timeline with progress, in words', async () => {
    const d = await busyCycle();

    const res = await page(d);

    expect(res.statusCode).toBe(200);
    expect(res.text).toContain('The papers are out; the meeting is on Wednesday 10 March, 15:30');
    expect(res.text).toMatch(/Paper deadline \w+day \d+ \w+ 2027, 17:00 2 of 3 papers received Done/);
    expect(res.text).toContain('Circulation Tuesday 2 March 2027, 09:00 board pack of 24 pages sent to 1 member Done');
    expect(res.text).toContain('Late papers circulate Monday 8 March 2027, 09:00 0 late papers Next Meeting Wednesday 10 March 2027, 15:30 Later');
    expect(res.body).toContain('<tr class="current"><th scope="row">Late papers circulate</th>');
    expect(res.text).not.toMatch(STATE_NAME);
  });

  it('lists what is owed, the papers with their versions and sizes, who opened the pack, apologies and the quorum', async () => {
    const d = await busyCycle();

    const res = await page(d);

    expect(res.text).toContain('1 paper missing Item 4, Risk register: Cara Chair');
    expect(res.text).toMatch(/Item 2: Budget Paper, version 1 item-2\.pdf 1000 bytes/);
    expect(res.text).toMatch(/Item 2: Budget Paper, version 2 item-2\.pdf 2\.4 MB Ann Able/);
    expect(res.text).toContain('Item 3: Road plan Paper, version 1 item-3.pdf 293 KB');
    expect(res.text).toContain('It has been opened by 2 of 4 members.');
    expect(res.text).toMatch(/Ann Able [^<]*2 times/);
    expect(res.text).toContain('Bob Baker none');
    expect(res.text).toContain('Quorum forecast: 2 of 3 voting members expected; the quorum is 2 members.');
  });

  it("lists the cycle's emails with their status, and no other cycle's or the board's", async () => {
    const d = await busyCycle();

    const res = await page(d);

    expect(res.text).toContain('2 emails for this cycle, 1 sent');
    expect(res.text).toContain('Papers circulated ann@example.org Papers for 10 March Sent');
    expect(res.text).toContain('Papers circulated bob@example.org Papers for 10 March Not sent: the attempt stopped before sending');
    expect(res.text).not.toContain('Board-level');
  });

  it('names what the secretariat and the chair owe while the cycle waits for them', async () => {
    const { d } = await scenario({ cycle: { phase: STATES.WaitForAgendaConfirmation } });
    await d.waits.putWait('c', 'agenda-confirmation', 'token', '2027-01-04T09:00:00.000Z');

    const res = await page(d);

    expect(res.text).toContain('Waiting for the secretariat to confirm the agenda');
    expect(res.text).toContain('The secretariat : confirm the agenda (asked Monday 4 January 2027, 09:00).');
  });

  it('lists open actions whose owners have not updated since the meeting', async () => {
    const { d } = await scenario({ now: '2027-03-20T09:00:00.000Z', cycle: { phase: STATES.WaitForMinutesDraft } });
    const [stale, fresh] = await d.actions.createActions('b', 'c#1', [
      { cycleId: 'c', ownerMemberIds: ['ann'], ownersAsWritten: ['Ann Able'], text: 'Circulate the plan.', status: 'open' },
      { cycleId: 'c', ownerMemberIds: ['bob'], ownersAsWritten: ['Bob Baker'], text: 'Fix the road.', status: 'open' },
    ]);
    await d.actions.recordUpdate('b', fresh!.actionId, fresh!.version, {
      actionId: fresh!.actionId,
      at: '2027-03-15T09:00:00.000Z',
      by: 'bob',
      status: 'in-progress',
      note: 'Started.',
    });

    const res = await page(d);

    expect(res.text).toContain(`1 open action without one Action ${stale!.number}: Circulate the plan. — Ann Able`);
    expect(res.text).not.toContain('Fix the road. — Bob Baker');
  });

  it('gives the chair every section and no form', async () => {
    const { d } = await scenario({ cycle: { status: 'failed', phase: STATES.CirculatePapers, failure: FAILURE } });

    const res = await page(d, CHAIR);

    expect(res.text).toContain('The cycle has stopped');
    expect(res.body).not.toContain('action="/console/boards/b/cycles/c/');
    expect(res.body).not.toContain('Resume the cycle</button>');
  });

  it('shows the confirmation a form asked for', async () => {
    const { d } = await scenario();

    expect((await page(d, SECRETARIAT, { done: 'moved' })).text).toContain('The meeting was moved.');
  });
});

describe('a failed cycle', () => {
  it('says what failed in plain words and offers to resume it', async () => {
    const { d } = await scenario({ cycle: { status: 'failed', phase: STATES.CirculatePapers, failure: FAILURE } });

    const res = await page(d);

    expect(res.text).toContain('It stopped while sending the papers to members, on Monday 1 March 2027, 09:05.');
    expect(res.text).toContain('Some emails could not be sent, even after several tries.');
    expect(res.text).toContain('Details: Sent to 2 of 4 members; not sent: ann, bob.');
    expect(res.body).toContain('<button type="submit">Resume the cycle</button>');
    expect(res.body).not.toContain('Move the meeting</button>');
    expect(res.text).not.toMatch(STATE_NAME);
  });

  it('resumes it from the step that stopped', async () => {
    const { d } = await scenario({ cycle: { status: 'failed', phase: STATES.CirculatePapers, failure: FAILURE, executionArn: 'arn:old' } });

    const res = await post(d, 'resume', { reason: 'SES sandbox lifted.' });

    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/boards/b/cycles/c?done=resumed');
    expect(d.workflow.started.map((e) => e.input.resumeFrom)).toEqual([STATES.CirculatePapers]);
    expect((await d.cycles.getCycle('b', 'c'))?.resumes?.[0]).toMatchObject({ by: 'sam@example.org', reason: 'SES sandbox lifted.' });
  });

  it('refuses to resume a cycle that is running, in words, changing nothing', async () => {
    const { d, cycle } = await scenario({ cycle: { phase: STATES.WaitForAgendaCall } });

    const res = await post(d, 'resume', {});

    expect(res.statusCode).toBe(422);
    expect(res.text).toContain('Nothing was changed.');
    expect(res.text).toContain('is running (while waiting for the agenda call), not failed');
    expect(res.text).not.toMatch(STATE_NAME);
    expect(await d.cycles.getCycle('b', 'c')).toEqual(cycle);
    expect(d.workflow.started).toEqual([]);
  });
});

describe('moving the meeting', () => {
  it('moves it with the CLI core and tells members', async () => {
    const { d } = await scenario({ cycle: { phase: STATES.WaitForAgendaCall, executionArn: 'arn:first' } });

    const res = await post(d, 'move', { meetingDate: '2027-03-17', meetingTime: '14:00' });

    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/boards/b/cycles/c?done=moved');
    expect((await d.cycles.getCycle('b', 'c'))?.meeting).toMatchObject({ date: '2027-03-17', time: '14:00' });
    expect(d.emails('meeting-moved')).toHaveLength(4);
  });

  it('refuses a date that does not exist, keeping the form and changing nothing', async () => {
    const { d, cycle } = await scenario({ cycle: { phase: STATES.WaitForAgendaCall, executionArn: 'arn:first' } });

    const res = await post(d, 'move', { meetingDate: '2027-02-30' });

    expect(res.statusCode).toBe(422);
    expect(res.text).toContain('Nothing was changed.');
    expect(res.body).toContain('value="2027-02-30"');
    expect(await d.cycles.getCycle('b', 'c')).toEqual(cycle);
    expect(d.emails()).toEqual([]);
  });

  it('explains the notice rule when the new date breaks it', async () => {
    const rules = { ...DEFAULT_RULES, circulationDays: 4, clearDays: 5, clearDayCount: 'calendar' as const };
    const { d, cycle } = await scenario({ board: { rules }, cycle: { phase: STATES.WaitForAgendaCall, executionArn: 'arn:first' } });

    const res = await post(d, 'move', { meetingDate: '2027-03-19', meetingTime: '10:00' });

    expect(res.statusCode).toBe(422);
    expect(res.text).toContain('The earliest meeting that allows it is Monday 22 March 2027. To go ahead anyway, give a reason.');
    expect(res.body).toContain('<details open>');
    expect(await d.cycles.getCycle('b', 'c')).toEqual(cycle);
  });
});

describe('cancelling a cycle', () => {
  const scheduled = {
    status: 'scheduled' as const,
    scheduledStart: { at: '2027-02-10T09:00:00.000Z', confirmedBy: 'Sam', confirmedAt: '2027-01-04T09:00:00.000Z' },
  };

  it('cancels a scheduled cycle once confirmed', async () => {
    const { d } = await scenario({ cycle: scheduled });
    expect((await page(d)).body).toContain('<button type="submit" class="danger">Cancel this cycle</button>');

    const res = await post(d, 'cancel', { reason: 'Budget meeting merged.', confirm: 'yes' });

    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/boards/b/cycles/c?done=cancelled');
    expect(await d.cycles.getCycle('b', 'c')).toMatchObject({ status: 'cancelled', cancellation: { by: 'sam@example.org', reason: 'Budget meeting merged.' } });
  });

  it('refuses without the confirmation, keeping the reason and changing nothing', async () => {
    const { d, cycle } = await scenario({ cycle: scheduled });

    const res = await post(d, 'cancel', { reason: 'Budget meeting merged.' });

    expect(res.statusCode).toBe(422);
    expect(res.text).toContain('The cycle was not cancelled.');
    expect(res.body).toContain('Budget meeting merged.</textarea>');
    expect(await d.cycles.getCycle('b', 'c')).toEqual(cycle);
  });

  it('refuses to cancel a running cycle without a reason to tell members, changing nothing', async () => {
    const { d, cycle } = await scenario({ cycle: { phase: STATES.WaitForAgendaCall } });

    const res = await post(d, 'cancel', { confirm: 'yes' });

    expect(res.statusCode).toBe(422);
    expect(res.text).toContain('Give the reason for cancelling: everyone invited to the meeting is told it.');
    expect(await d.cycles.getCycle('b', 'c')).toEqual(cycle);
    expect(d.emails('meeting-cancelled')).toHaveLength(0);
  });

  it('cancels a running cycle with its reason: members are told', async () => {
    const { d } = await scenario({ cycle: { phase: STATES.WaitForItemDeadline, executionArn: 'arn:aws:states:eu-west-2:1:execution:m:c' } });
    expect((await page(d)).body).toContain('a calendar cancellation that clears the meeting from their diary');

    const res = await post(d, 'cancel', { reason: 'The chair is unwell.', confirm: 'yes' });

    expect(res.statusCode).toBe(303);
    expect(await d.cycles.getCycle('b', 'c')).toMatchObject({ status: 'cancelled', cancellation: { reason: 'The chair is unwell.' } });
    expect(d.emails('meeting-cancelled')).toHaveLength(4);
  });
});
