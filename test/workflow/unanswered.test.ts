import { makeStartCycle } from '../../functions/admin/start-cycle';
import { GIVE_UP_AFTER } from '../../functions/chase-callback/chase-callback';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const cloud = useLocalCloud();

describe('a callback nobody answers', () => {
  it('reminds, escalates to the secretariat, then stops the cycle and says why', async () => {
    const c = cloud();
    const { cycle } = await makeStartCycle(c.deps)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-02-17' });
    // Nobody clicks anything: only the clock moves.
    for (let i = 0; i < 100 && c.sfn.describe(cycle.executionArn ?? '')?.status === 'RUNNING'; i++) await c.sfn.advanceToNext();
    const execution = c.sfn.describe(cycle.executionArn ?? '');

    expect(execution?.status).toBe('FAILED');
    expect(execution?.error).toBe('CycleFailed');
    const states = execution?.events.filter((e) => e.type === 'StateEntered').map((e) => e.state) ?? [];
    expect(states.filter((s) => s === 'ChaseAgendaConfirmation')).toHaveLength(GIVE_UP_AFTER + 1);
    expect(states.slice(-2)).toEqual(['RecordFailure', 'CycleFailed']);

    const toSecretariat = c.mail.emails().filter((e) => e.to.includes('secretariat@example.org'));
    expect(toSecretariat.filter((e) => e.kind === 'callback-reminder')).toHaveLength(GIVE_UP_AFTER);
    expect(toSecretariat.filter((e) => e.kind === 'escalation').length).toBeGreaterThan(0);
    const failed = toSecretariat.filter((e) => e.kind === 'cycle-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.text).toContain('CallbackAbandonedError');
    expect(failed[0]?.text).toContain('stopped while reminding the secretariat to confirm the agenda');

    const stored = await c.deps.cycles.getCycle(DEMO_BOARD_ID, cycle.cycleId);
    expect(stored).toMatchObject({
      status: 'failed',
      phase: 'ChaseAgendaConfirmation',
      failure: { error: 'CallbackAbandonedError', cause: expect.stringContaining('confirm the agenda') },
    });
    // Nothing was asked of members after the agenda: no paper requests, no circulation.
    expect(c.mail.emails().some((e) => e.kind === 'paper-request' || e.kind === 'circulation')).toBe(false);
  });
});
