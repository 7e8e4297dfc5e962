import { makeMoveMeeting, resumePhase } from '../../functions/admin/move-meeting';
import { makeStartCycle } from '../../functions/admin/start-cycle';
import type { Cycle } from '../../functions/shared/domain/types';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();
let original: Cycle;

beforeAll(async () => {
  ({ cycle: original } = await makeStartCycle(cloud().deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' }));
  await cloud().sfn.advanceTo(new Date(Date.parse(original.timeline.agendaCall) + 3_600_000));
});

const kind = (k: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === k);

describe('moving the meeting', () => {
  it('refuses a new date whose meeting has passed, and one that breaks the notice rule, changing nothing', async () => {
    const move = makeMoveMeeting(cloud().deps);
    await expect(move({ cycleId: original.cycleId, meetingDate: '2026-12-01' })).rejects.toThrow('has passed');
    await expect(move({ cycleId: original.cycleId, meetingDate: '2026-12-21' })).rejects.toThrow('LGA 1972 s100B');
    expect(await cloud().deps.cycles.getCycle(DEMO_BOARD_ID, original.cycleId)).toMatchObject({
      executionArn: original.executionArn,
      timeline: original.timeline,
    });
    expect(kind('meeting-moved')).toHaveLength(0);
  });

  it('re-plans the remaining waits, resumes where the cycle was, and tells every member', async () => {
    expect(kind('agenda-call')).toHaveLength(9);
    const { cycle, resumeFrom } = await makeMoveMeeting(cloud().deps)({ cycleId: original.cycleId, meetingDate: '2027-02-10', meetingTime: '14:00' });
    await cloud().sfn.settle();

    expect(resumeFrom).toBe('SendAgendaCall');
    expect(cloud().sfn.describe(original.executionArn ?? '')?.status).toBe('ABORTED');
    const resumed = cloud().sfn.describe(cycle.executionArn ?? '');
    expect(resumed?.status).toBe('RUNNING');
    expect(resumed?.events.filter((e) => e.type === 'StateEntered').map((e) => e.state)).toEqual([
      'StartOrResume',
      'ReplanTimeline',
      'ResumeAt',
      'SendAgendaCall',
      'WaitForItemDeadline',
    ]);
    // The agenda call went out once, before the move; the re-run of its task sent nothing.
    expect(kind('agenda-call')).toHaveLength(9);
    expect(kind('meeting-moved')).toHaveLength(9);
    expect(kind('meeting-moved')[0]?.text).toContain('has moved to Wednesday 10 February 2027, 14:00');
    const invite = kind('meeting-moved')[0]?.attachments.find((a) => a.fileName === 'invite.ics')?.text ?? '';
    expect(invite).toContain(`UID:${original.cycleId}@meeting-cycle`);
    expect(invite).toContain('SEQUENCE:1');
    expect(invite).toContain('DTSTART:20270210T140000Z');
    expect(cycle.moves).toEqual([{ from: original.timeline.meeting, to: '2027-02-10T14:00:00.000Z', at: expect.any(String) }]);
    expect(cloud().clock.nextTimer()?.at.toISOString()).toBe(cycle.timeline.itemDeadline);
    expect(cycle.timeline.itemDeadline > original.timeline.itemDeadline).toBe(true);
  });

  it('resumes a chase at its callback, and the first task at the first wait', () => {
    expect(resumePhase('ChaseAgendaConfirmation')).toBe('WaitForAgendaConfirmation');
    expect(resumePhase('PlanTimeline')).toBe('WaitForAgendaCall');
    expect(resumePhase('CirculatePapers')).toBe('CirculatePapers');
  });
});
