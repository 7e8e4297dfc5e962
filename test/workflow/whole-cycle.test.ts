import { handler as circulatePapers } from '../../functions/circulate-papers/handler';
import { handler as closeCycle } from '../../functions/close-cycle/handler';
import { handler as notifyActionOwners } from '../../functions/notify-action-owners/handler';
import { handler as sendAgendaCall } from '../../functions/send-agenda-call/handler';
import { inspectPdf } from '../../functions/shared/documents/pdf-check';
import { appLinks, follow, submit } from '../../local/people';
import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
let result: DriveResult;

// The follow-up sleeps until its next day with work: Monday's digest, then the end of the follow-up. Every
// working day, as it ran before, would be 21, 22, 25, 26, 27 and 28 January.
const FOLLOW_UP_DAYS = ['2027-01-25', '2027-01-28'];

const EXPECTED_STATES = [
  'StartOrResume',
  'PlanTimeline',
  'WaitForAgendaCall',
  'SendAgendaCall',
  'WaitForItemDeadline',
  'BuildDraftAgenda',
  'WaitForAgendaConfirmation',
  'RequestPapers',
  'WaitForPaperReminder',
  'SendPaperReminders',
  'WaitForPaperDeadline',
  'ReportMissingPapers',
  'WaitForCirculation',
  'BuildBoardPack',
  'CirculatePapers',
  'WaitForSupplementaryCirculation',
  'SendSupplementaryCirculation',
  'WaitForMeeting',
  'WaitForMinutesDraft',
  'ExtractActions',
  'WaitForChairApproval',
  'CheckChairDecision',
  // The chair asks for changes once: the secretariat redrafts and the chair sees version 2.
  'WaitForMinutesDraft',
  'ExtractActions',
  'WaitForChairApproval',
  'CheckChairDecision',
  'PublishMinutes',
  'NotifyActionOwners',
  // The follow-up runs on the day the minutes are published, then at 08:00 on each working day with
  // something to send until the bound driveCycle sets (7 days after the meeting, Thursday 28 January).
  'SendActionReminders',
  'CheckFollowUpHandover',
  ...FOLLOW_UP_DAYS.flatMap(() => ['WaitForNextFollowUpDay', 'SendActionReminders', 'CheckFollowUpHandover']),
  'CloseCycle',
];

beforeAll(async () => {
  result = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', meetingTime: '15:30', changeRounds: 1, latePresenters: 1 });
});

const inbox = (email: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.to.includes(email));
const kindsFor = (email: string) => inbox(email).map((e) => e.kind);

/**
 * The states without the follow-up's wakes: an action changed while the follow-up sleeps (here the owner's
 * update, which may land before or after the sleep began) wakes it to plan again, which goes straight back to
 * sleep (CheckFollowUpHandover, WaitForNextFollowUpDay) when nothing is due sooner.
 */
function withoutWakes(states: readonly string[]): string[] {
  const out: string[] = [];
  for (const state of states) {
    const woken = out.at(-1) === 'WaitForNextFollowUpDay' && state === 'CheckFollowUpHandover';
    if (woken) out.pop();
    else out.push(state);
  }
  return out;
}

describe('a whole meeting cycle on the real ASL and handlers', () => {
  it('visits every phase in order and succeeds', () => {
    expect(result.status).toBe('SUCCEEDED');
    expect(result.cycle.status).toBe('completed');
    expect(result.cycle.phase).toBe('CloseCycle');
    expect(withoutWakes(result.statesVisited)).toEqual(EXPECTED_STATES);
  });

  it('follows up actions at 08:00 London time on the days with work only, and closes a week after the meeting', () => {
    const execution = cloud().sfn.describe(result.cycle.executionArn ?? '');
    const runs = (execution?.events ?? []).filter((e) => e.type === 'StateEntered' && e.state === 'SendActionReminders').map((e) => e.at);
    expect(runs.slice(1)).toEqual(FOLLOW_UP_DAYS.map((day) => `${day}T08:00:00.000Z`));
    // Monday is the digest day; the owner updated the action, due "next meeting": no reminders.
    const digests = inbox('secretariat@example.org').filter((e) => e.kind === 'follow-up-digest');
    expect(digests.map((e) => e.subject)).toEqual(['Actions digest for Riverside Community Safety Board, Monday 25 January: 1 open, 0 overdue']);
    expect(digests[0]?.text).toContain('Action 1: ');
    expect(digests[0]?.text).toContain('Draft plan shared with partners.');
    expect(
      cloud()
        .mail.emails()
        .filter((e) => e.kind === 'action-reminder'),
    ).toEqual([]);
    const closed = inbox('secretariat@example.org').find((e) => e.kind === 'cycle-closed');
    expect(closed?.text).toContain('Action follow-up: Ended 7 days after the meeting');
  });

  it('sends every member the agenda call, the circulation and the published minutes, once each', async () => {
    const members = await cloud().deps.boards.listMembers(DEMO_BOARD_ID);
    expect(members).toHaveLength(9);
    for (const m of members) {
      const kinds = kindsFor(m.email);
      for (const kind of ['agenda-call', 'circulation', 'minutes-published']) {
        expect({ member: m.email, kind, count: kinds.filter((k) => k === kind).length }).toEqual({ member: m.email, kind, count: 1 });
      }
    }
  });

  it('asks the secretariat to confirm the agenda and draft the minutes (twice: once per chair round)', () => {
    const kinds = kindsFor('secretariat@example.org');
    expect(kinds.filter((k) => k === 'agenda-confirmation-request')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'minutes-draft-request')).toHaveLength(2);
    expect(kinds).toContain('follow-up-digest');
    // Every paper arrived by the deadline (one after its reminder): no "not received" digest.
    expect(kinds).not.toContain('papers-not-received');
    expect(kinds).toContain('cycle-closed');
    const redraft = inbox('secretariat@example.org').filter((e) => e.kind === 'minutes-draft-request')[1];
    expect(redraft?.text).toContain('Please record the apologies received (round 1).');
  });

  it('sends the chair each version of the minutes, and reminds only presenters whose paper is missing', () => {
    expect(kindsFor('chair@example.org').filter((k) => k === 'chair-approval-request')).toHaveLength(2);
    const requests = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'paper-request');
    const reminders = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'paper-reminder');
    expect(requests).toHaveLength(2);
    expect(reminders).toHaveLength(1);
    expect(
      cloud()
        .mail.emails()
        .filter((e) => e.kind === 'paper-receipt'),
    ).toHaveLength(2);
  });

  it("puts the meeting in members' calendars with the agenda call and the circulation, as one event", () => {
    const invites = ['agenda-call', 'circulation'].map((kind) => {
      const emails = cloud()
        .mail.emails()
        .filter((e) => e.kind === kind);
      expect(emails).toHaveLength(9);
      const ics = emails.map((e) => e.attachments.find((a) => a.fileName === 'invite.ics')?.text ?? '');
      expect(ics.every((text) => text.includes('METHOD:REQUEST') && text.includes('SEQUENCE:0'))).toBe(true);
      return ics[0] ?? '';
    });
    for (const ics of invites) {
      expect(ics).toContain(`UID:${result.cycle.cycleId}@meeting-cycle`);
      expect(ics).toContain('DTSTART:20270120T153000Z');
    }
  });

  it('circulates one board pack: cover, agenda and every paper, opened through the app', async () => {
    const packs = result.cycle.packs;
    // Cover, agenda and the two one-page papers; the public pack is the same here (nothing confidential).
    expect(packs?.members.pages).toBe(4);
    expect(packs?.public.pages).toBe(4);
    const email = cloud()
      .mail.emails()
      .find((e) => e.kind === 'circulation');
    // The email, the papers page and the printed pack agree on where each paper starts.
    const [first] = Object.entries(packs?.members.itemStartPages ?? {});
    expect(first).toBeDefined();
    expect(email?.text).toContain(`Paper for item ${first?.[0]} (pack page ${first?.[1]})`);
    const papersLink = appLinks(email?.text ?? '', cloud().appUrl)[0];
    const papersPage = await follow(papersLink ?? '');
    expect(papersPage.html).toContain(`Pack page ${first?.[1]}`);
    const opened = await submit(papersPage, 'Open the board pack');
    expect(opened.status).toBe(303);
    const pdf = new Uint8Array(await (await fetch(opened.location ?? '')).arrayBuffer());
    expect((await inspectPdf(pdf)).pages).toBe(4);
    // The secretariat sees who opened it: counted by the page's button, never by a GET.
    const opens = await cloud().deps.cycles.listPackOpens(result.cycle.cycleId);
    const reader = (await cloud().deps.boards.listMembers(DEMO_BOARD_ID)).find((m) => m.email === email?.to[0]);
    expect(opens).toEqual([expect.objectContaining({ memberId: reader?.memberId, count: 1 })]);
  });

  it('sends every email with a plain-text and an HTML part, a unique Message-ID and the configuration set', () => {
    const emails = cloud().mail.emails();
    expect(emails.length).toBeGreaterThan(40);
    for (const e of emails) {
      expect({ seq: e.seq, text: e.text.length > 50, html: e.html.includes('<') }).toEqual({ seq: e.seq, text: true, html: true });
      expect(e.configurationSet).toBe('meeting-cycle-local');
      expect(e.kind).not.toBe('');
    }
    expect(new Set(emails.map((e) => e.headerMessageId)).size).toBe(emails.length);
  });

  it('leaves the records a secretariat expects: papers, approved minutes with their history, actions', async () => {
    const d = cloud().deps;
    const { cycleId } = result.cycle;
    const papers = await d.cycles.listPapers(cycleId);
    expect(papers).toHaveLength(2);
    expect(papers.every((p) => p.contentType === 'application/pdf' && p.size > 100 && !p.late)).toBe(true);
    const v1 = await d.cycles.getMinutes(cycleId, 1);
    const v2 = await d.cycles.getMinutes(cycleId, 2);
    expect(v1).toMatchObject({ status: 'changes-requested', changeRequest: { by: 'chair', comment: expect.stringContaining('apologies') } });
    expect(v2).toMatchObject({ status: 'approved', approval: { by: 'chair', via: 'link' } });
    const actions = await d.actions.listActions(DEMO_BOARD_ID, { cycleId });
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ number: 1, status: 'in-progress', itemNumber: expect.any(Number) });
    expect(actions[0]?.ownerMemberIds).toHaveLength(1);
    expect(await d.actions.listEvents(actions[0]?.actionId ?? '')).toHaveLength(1);
    expect(result.minutesVersionApproved).toBe(2);
    // The approved version is published as a PDF with the approval statement, and sent to members.
    const pdf = await d.documents.getBytes(`minutes/${cycleId}/v2-approved.pdf`);
    expect((await inspectPdf(pdf)).pages).toBeGreaterThanOrEqual(1);
    const published = cloud()
      .mail.emails()
      .filter((e) => e.kind === 'minutes-published');
    expect(published.every((e) => e.attachments.some((a) => a.contentType === 'application/pdf' && a.size === pdf.byteLength))).toBe(true);
    expect(result.actionsUpdated).toBe(1);
  });

  it('never sends an email twice when a task is retried', async () => {
    const before = cloud().mail.emails().length;
    // Re-run tasks that already ran, as a Step Functions retry after a timeout would.
    for (const handler of [sendAgendaCall, circulatePapers, notifyActionOwners, closeCycle]) {
      await handler({ boardId: DEMO_BOARD_ID, cycleId: result.cycle.cycleId }, { getRemainingTimeInMillis: () => 60_000 } as never);
    }
    expect(cloud().mail.emails().length).toBe(before);
  });
});
