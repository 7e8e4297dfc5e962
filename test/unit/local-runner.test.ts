import { loadLocalDefinition } from '../../local/runtime/asl';
import { LocalStepFunctions, type LambdaHandler } from '../../local/runtime/local-step-functions';
import { VirtualClock } from '../../local/runtime/virtual-clock';

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString();
const TIMELINE = {
  agendaCall: day(1),
  itemDeadline: day(5),
  paperReminder: day(10),
  paperDeadline: day(12),
  circulation: day(14),
  supplementary: day(17),
  meeting: day(20),
  minutesDraftDue: day(25),
  chairApprovalDue: day(30),
  followUp: day(40),
};

describe('VirtualClock', () => {
  it('fires timers in order, each at its own moment, only when advanced', async () => {
    const clock = new VirtualClock(new Date(day(0)));
    const fired: string[] = [];
    void clock.sleepUntil(new Date(day(2)), 'b').then(() => fired.push(`b@${clock.now().toISOString()}`));
    void clock.sleepUntil(new Date(day(1)), 'a').then(() => fired.push(`a@${clock.now().toISOString()}`));
    await new Promise((r) => setImmediate(r));
    expect(fired).toEqual([]);
    await clock.advanceTo(new Date(day(3)), () => new Promise((r) => setImmediate(r)));
    expect(fired).toEqual([`a@${day(1)}`, `b@${day(2)}`]);
    expect(clock.now().toISOString()).toBe(day(3));
  });

  it('refuses to go back', async () => {
    const clock = new VirtualClock(new Date(day(5)));
    await expect(clock.advanceTo(new Date(day(4)), async () => undefined)).rejects.toThrow('cannot go back');
  });
});

describe('loadLocalDefinition', () => {
  const { definition, plans } = loadLocalDefinition();

  it('turns every Wait into a task on the virtual clock, in memory only', () => {
    const states = definition.States as Record<string, { Type: string }>;
    expect(Object.values(states).some((s) => s.Type === 'Wait')).toBe(false);
    expect(plans.get('WaitForMeeting')).toEqual({ kind: 'wait', timestampPath: '$.timeline.meeting' });
    expect(definition.TimeoutSeconds).toBeUndefined();
  });

  it('keeps each callback timeout for the virtual clock and maps tasks to their handler modules', () => {
    expect(plans.get('WaitForChairApproval')).toEqual({ kind: 'callback', functionDir: 'wait-for-chair-approval', timeoutSeconds: 259200 });
    expect(plans.get('SendAgendaCall')).toEqual({ kind: 'task', functionDir: 'send-agenda-call' });
  });
});

describe('LocalStepFunctions', () => {
  let running: LocalStepFunctions | undefined;
  afterEach(() => running?.stop());

  /** Fake handlers: the timeline, and callbacks that record their token. */
  function setup(answer: (dir: string, token: string, sfn: LocalStepFunctions) => void) {
    const clock = new VirtualClock(new Date(day(0)));
    const calls: { dir: string; event: Record<string, unknown> }[] = [];
    const sfn: LocalStepFunctions = new LocalStepFunctions({
      clock,
      loadHandler:
        (dir): LambdaHandler =>
        async (event) => {
          calls.push({ dir, event: event as Record<string, unknown> });
          if (dir === 'plan-timeline') return TIMELINE;
          // The follow-up loop ends at once: a later cycle has taken it over.
          if (dir === 'send-action-reminders') return { next: day(41), done: true };
          const token = (event as { taskToken?: string }).taskToken;
          if (token) answer(dir, token, sfn);
          return null;
        },
    });
    return { clock, calls, sfn };
  }

  it('gives each callback its own token, resumes it with sendTaskSuccess, and passes the state name', async () => {
    const tokens: string[] = [];
    const { sfn, calls } = setup((dir, token, s) => {
      tokens.push(token);
      queueMicrotask(() => s.sendTaskSuccess(token, dir === 'wait-for-minutes-draft' ? { version: 1 } : { decision: 'approved', version: 1 }));
    });
    running = sfn;
    const execution = sfn.startExecution({ boardId: 'b', cycleId: 'c' }, 'one');
    for (let i = 0; i < 30 && execution.status === 'RUNNING'; i++) await sfn.advanceToNext();
    expect(execution.status).toBe('SUCCEEDED');
    expect(new Set(tokens).size).toBe(3);
    expect(() => sfn.sendTaskSuccess(tokens[0] ?? '', {})).toThrow('does not exist');
    expect(calls.find((c) => c.dir === 'send-agenda-call')?.event.state).toBe('SendAgendaCall');
  });

  it('times a callback out on the virtual clock into its chase state', async () => {
    const { sfn } = setup(() => undefined);
    running = sfn;
    const execution = sfn.startExecution({ boardId: 'b', cycleId: 'c' }, 'two');
    const entered = (state: string) => execution.events.find((e) => e.type === 'StateEntered' && e.state === state)?.at;
    for (let i = 0; i < 10 && !entered('ChaseAgendaConfirmation'); i++) await sfn.advanceToNext();
    expect(Date.parse(entered('ChaseAgendaConfirmation') ?? '') - Date.parse(entered('WaitForAgendaConfirmation') ?? '')).toBe(172_800_000);
    sfn.stop();
    expect(execution.status).toBe('ABORTED');
  });
});
