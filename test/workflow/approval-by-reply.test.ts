import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { LOCAL_INBOUND_DOMAIN } from '../../local/mail/inbound';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
let result: DriveResult;

beforeAll(async () => {
  result = await driveCycle(cloud(), { boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20', changeRounds: 2, chairAnswersBy: 'reply' });
});

const kind = (k: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === k);

describe('the chair answers every version by replying to the email', () => {
  it('goes round the draft twice on change requests by reply, then publishes on "Approved" by reply', () => {
    expect(result.status).toBe('SUCCEEDED');
    const chairStates = result.statesVisited.filter((s) => s === 'WaitForChairApproval' || s === 'CheckChairDecision' || s === 'PublishMinutes');
    expect(chairStates).toEqual([
      'WaitForChairApproval',
      'CheckChairDecision',
      'WaitForChairApproval',
      'CheckChairDecision',
      'WaitForChairApproval',
      'CheckChairDecision',
      'PublishMinutes',
    ]);
    expect(result.minutesVersionApproved).toBe(3);
    expect(result.actionsTaken.filter((a) => a.includes('by replying to the email'))).toEqual([
      'Alex Morgan asked for changes by replying to the email',
      'Alex Morgan asked for changes by replying to the email',
      'Alex Morgan approved the minutes by replying to the email',
    ]);
  });

  it('gives each version its own one-time address, and answers each reply', () => {
    const requests = kind('chair-approval-request');
    expect(requests.map((e) => e.subject.match(/\(version \d\)/)?.[0] ?? 'version 1')).toEqual(['version 1', '(version 2)', '(version 3)']);
    const addresses = requests.map((e) => e.replyTo[0]);
    expect(new Set(addresses).size).toBe(3);
    for (const a of addresses) expect(a?.endsWith(`@${LOCAL_INBOUND_DOMAIN}`)).toBe(true);
    expect(kind('reply-outcome').map((e) => e.subject.startsWith('Reply received'))).toEqual([true, true, true]);
  });

  it("sends the chair's comments to the secretariat each round, and tells the chair what changed", () => {
    const drafts = kind('minutes-draft-request');
    expect(drafts).toHaveLength(3);
    expect(drafts[1]?.text).toContain('Please record the apologies received (round 1).');
    expect(drafts[2]?.text).toContain('Please record the apologies received (round 2).');
    // The signature under the comment is part of what the chair wrote; the quoted email is not.
    expect(drafts[1]?.text).not.toContain('> ');
    const v3 = kind('chair-approval-request')[2]!;
    expect(v3.text).toContain('What changed since the last version');
    expect(v3.text).toContain('+ Revised after the chair');
  });

  it('publishes the minutes saying they were approved by email reply, and which version', async () => {
    const published = kind('minutes-published')[0]!;
    expect(published.attachments[0]?.contentType).toBe('application/pdf');
    const html = await cloud().deps.documents.getText(`minutes/${result.cycle.cycleId}/v3-approved.html`);
    expect(html).toMatch(/Approved by Alex Morgan by email reply on \w+ \d+ \w+ \d{4} \(version 3\)\./);
  });

  it('records each answer as a reply, with its message id, on its version', async () => {
    const d = cloud().deps;
    const [v1, v2, v3] = await Promise.all([1, 2, 3].map((v) => d.cycles.getMinutes(result.cycle.cycleId, v)));
    expect(v1).toMatchObject({ status: 'changes-requested', changeRequest: { via: 'reply', messageId: expect.stringContaining('@mail.example.net') } });
    expect(v2).toMatchObject({ status: 'changes-requested', changeRequest: { via: 'reply' } });
    expect(v3).toMatchObject({ status: 'approved', approval: { by: 'chair', via: 'reply', messageId: expect.stringContaining('@mail.example.net') } });
  });
});
