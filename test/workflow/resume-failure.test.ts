import { makeStartCycle } from '../../functions/admin/start-cycle';
import { RetryableError } from '../../functions/shared/domain/errors';
import type { Cycle } from '../../functions/shared/domain/types';
import { follow, submit } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';
import { latestLink } from '../support/mail';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
let cycle: Cycle;

const linkOf = (kind: string): string => latestLink(cloud(), kind);
const execution = () => cloud().sfn.describe(cycle.executionArn ?? '');
const entered = (name: string): number => execution()?.events.filter((e) => e.type === 'StateEntered' && e.state === name).length ?? 0;
const emailsOf = (kind: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === kind);

/** The next resume fails as Step Functions can: `before` runs first (e.g. the token times out), then `error` or the real call. */
function nextResume(opts: { before?: () => Promise<void>; error?: Error }): void {
  const workflow = cloud().deps.workflow;
  const real = workflow.resume.bind(workflow);
  jest.spyOn(workflow, 'resume').mockImplementationOnce(async (token, output) => {
    await opts.before?.();
    if (opts.error) throw opts.error;
    return real(token, output);
  });
}

/** The callback's timeout passes while the answer is on its way: the token dies, the chase runs, the task waits again. */
const timeoutPasses = (seconds: number) => async () => {
  await cloud().sfn.advanceTo(new Date(cloud().clock.now().getTime() + (seconds + 60) * 1000));
};

beforeAll(async () => {
  ({ cycle } = await makeStartCycle(cloud().deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' }));
  await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.itemDeadline) + 60_000));
});

afterEach(() => jest.restoreAllMocks());

describe('a resume that fails', () => {
  it('keeps a throttled agenda confirmation: the page says it is recorded, and pressing again moves the cycle on', async () => {
    const page = await follow(linkOf('agenda-confirmation-request'));
    nextResume({ error: new RetryableError('Step Functions is busy: ThrottlingException') });

    const first = await submit(page, 'Confirm the agenda');
    expect(first.status).toBe(503);
    expect(first.html).toContain('Your answer is recorded (The agenda');
    expect((await cloud().deps.waits.getWait(cycle.cycleId, 'agenda-confirmation'))?.decision?.outcome).toMatch(/^The agenda/);
    expect(entered('RequestPapers')).toBe(0);

    const again = await submit(page, 'Confirm the agenda');
    await cloud().sfn.settle();
    expect(again.title).toBe('Agenda confirmed');
    expect(entered('RequestPapers')).toBe(1);
    expect(await cloud().deps.waits.getWait(cycle.cycleId, 'agenda-confirmation')).toBeUndefined();
  });

  it('delivers minutes sent as the callback times out on the next token, without a reminder or a failed cycle', async () => {
    await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.meeting) + 60_000));
    const draft = await follow(linkOf('minutes-draft-request'));
    const text = `${draft.forms[0]?.fields.text ?? ''}\nAction 1: Tom Okafor to brief the Board on knife crime.\n`;
    const review = await submit(draft, 'Check the actions', { text });
    nextResume({ before: timeoutPasses(432_000) });

    const sent = await submit(review, 'Save and send to the chair');
    await cloud().sfn.settle();

    expect(sent.title).toBe('Minutes sent to the chair');
    expect(execution()?.status).toBe('RUNNING');
    expect(entered('ChaseMinutesDraft')).toBe(1);
    expect(emailsOf('callback-reminder')).toEqual([]);
    expect(entered('WaitForChairApproval')).toBe(1);
    expect(emailsOf('chair-approval-request')).toHaveLength(1);
    expect(await cloud().deps.waits.getWait(cycle.cycleId, 'minutes-draft')).toBeUndefined();
  });

  it("delivers the chair's approval given as the callback times out, and publishes that version with its actions", async () => {
    const approval = await follow(linkOf('chair-approval-request'));
    nextResume({ before: timeoutPasses(259_200) });

    const answer = await submit(approval, 'Approve these minutes');
    await cloud().sfn.settle();

    expect(answer.title).toBe('Minutes approved');
    expect(entered('ChaseChairApproval')).toBe(1);
    expect(emailsOf('callback-reminder')).toEqual([]);
    expect(entered('PublishMinutes')).toBe(1);
    expect(execution()?.status).not.toBe('FAILED');
    const actions = await cloud().deps.actions.listActions(DEMO_BOARD_ID, { cycleId: cycle.cycleId });
    expect(actions.map((a) => a.text)).toEqual([expect.stringContaining('brief the Board on knife crime')]);
  });
});
