import { setViceChair } from '../../functions/admin/vice-chair';
import { operator } from '../../functions/shared/domain/audit';
import { approvedMinutesKey } from '../../functions/shared/table/object-keys';
import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(240_000);
const cloud = useLocalCloud();

const CHAIR = 'chair@example.org';
const VICE = 'priya.shah@example.org';
let away: DriveResult;
let silent: DriveResult;
let awayEmails: ReturnType<ReturnType<typeof cloud>['mail']['emails']>;
let silentEmails: typeof awayEmails;
let conflicted: DriveResult;
let conflictedEmails: typeof awayEmails;

beforeAll(async () => {
  await setViceChair(cloud().deps, { boardId: DEMO_BOARD_ID, member: VICE }, operator('test'));
  away = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', changeRounds: 0, chairApologises: true });
  awayEmails = cloud().mail.emails();
  silent = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-05-12', changeRounds: 0, chairSilent: true });
  silentEmails = cloud().mail.emails().slice(awayEmails.length);
  const before = cloud().mail.emails().length;
  conflicted = await driveCycle(cloud(), {
    boardId: DEMO_BOARD_ID,
    meetingDate: '2027-09-15',
    changeRounds: 0,
    declareInterest: { email: CHAIR, item: 'Domestic abuse', kind: 'non-registrable', description: 'Trustee of a bidding charity', prejudicial: true },
  });
  conflictedEmails = cloud().mail.emails().slice(before);
});

const approvalRequests = (emails: typeof awayEmails, to: string) => emails.filter((e) => e.kind === 'chair-approval-request' && e.to.includes(to));

/** The approval statement of a cycle's published minutes. */
async function statementOf(result: DriveResult): Promise<string> {
  const version = result.minutesVersionApproved ?? 0;
  const html = await cloud().deps.documents.getText(approvedMinutesKey(result.cycle.cycleId, version));
  return /<strong>(Approved by [^<]*)<\/strong>/.exec(html)?.[1] ?? '';
}

describe('the chair sends apologies', () => {
  it('sends the approval request to the vice-chair, never to the chair', async () => {
    expect(away.status).toBe('SUCCEEDED');
    expect(away.actionsTaken).toContain('Alex Morgan sent apologies');
    expect(approvalRequests(awayEmails, CHAIR)).toHaveLength(0);
    const [request] = approvalRequests(awayEmails, VICE);
    expect(request?.text).toContain('You are asked as vice-chair, in place of Alex Morgan: the chair sent apologies for the meeting.');
    expect(away.actionsTaken).toContain('Priya Shah approved the minutes');
    expect(away.cycle.approvalHandover).toMatchObject({ to: 'priya-shah', because: 'chair-apologies' });
  });

  it('names the vice-chair in the approval statement', async () => {
    const minutes = await cloud().deps.cycles.getMinutes(away.cycle.cycleId, away.minutesVersionApproved ?? 0);
    expect(minutes).toMatchObject({ status: 'approved', approval: { by: 'priya-shah', via: 'link' }, approvedAs: 'vice-chair' });
    expect(await statementOf(away)).toMatch(/^Approved by Priya Shah, Vice-Chair, on \w+ \d+ \w+ 2027 \(version 1\)\.$/);
    const published = awayEmails.find((e) => e.kind === 'minutes-published');
    expect(published?.text).toContain('Approved by Priya Shah, Vice-Chair on');
  });
});

describe('the chair does not answer after the second reminder', () => {
  it('reminds the chair twice, then asks the vice-chair, who approves', async () => {
    expect(silent.status).toBe('SUCCEEDED');
    expect(approvalRequests(silentEmails, CHAIR)).toHaveLength(1);
    const chairReminders = silentEmails.filter((e) => e.kind === 'callback-reminder' && e.to.includes(CHAIR));
    expect(chairReminders).toHaveLength(2);
    const [request] = approvalRequests(silentEmails, VICE);
    expect(request?.text).toContain('in place of Alex Morgan: the chair did not answer after 2 reminders.');
    expect(silent.statesVisited.filter((s) => s === 'ChaseChairApproval')).toHaveLength(3);
    expect(silent.cycle.approvalHandover).toMatchObject({ to: 'priya-shah', because: 'chair-silent', atChase: 3 });
    expect(await statementOf(silent)).toMatch(/^Approved by Priya Shah, Vice-Chair, on /);
  });
});

describe('the chair declared an interest and took no part in an item', () => {
  it('sends the approval request to the vice-chair, whom the approval statement names', async () => {
    expect(conflicted.status).toBe('SUCCEEDED');
    expect(conflicted.actionsTaken).toContainEqual(expect.stringMatching(/^Alex Morgan declared an interest in item \d+$/));
    expect(approvalRequests(conflictedEmails, CHAIR)).toHaveLength(0);
    const [request] = approvalRequests(conflictedEmails, VICE);
    expect(request?.text).toContain('in place of Alex Morgan: the chair declared an interest in the business of the meeting.');
    expect(conflicted.cycle.approvalHandover).toMatchObject({ to: 'priya-shah', because: 'chair-conflicted' });
    expect(await statementOf(conflicted)).toMatch(/^Approved by Priya Shah, Vice-Chair, on /);
  });
});
