import fs from 'node:fs';
import path from 'node:path';
import { resumePhase } from '../../functions/admin/move-meeting';
import { TASK_FUNCTIONS } from '../../functions/catalog';
import { RESUMABLE_STATES, RESUME_NEEDS, STATES, type ResumableState } from '../../functions/shared/domain/states';

type State = {
  Type: string;
  Resource?: string;
  Parameters?: { FunctionName?: string; Payload?: Record<string, unknown> } & Record<string, unknown>;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Next?: string;
  Default?: string;
  Choices?: { Variable?: string; StringEquals?: string; Next: string }[];
  Catch?: { Next: string }[];
  Branches?: { States: Record<string, State> }[];
  Iterator?: { States: Record<string, State> };
  ItemProcessor?: { States: Record<string, State> };
};

const ASL = path.join(__dirname, '..', '..', 'statemachines', 'meeting-cycle.asl.json');
const definition = JSON.parse(fs.readFileSync(ASL, 'utf8')) as { StartAt: string; States: Record<string, State> };

/** Every state, with those inside Parallel branches and Map iterators. */
const allStates = (states: Record<string, State>): [string, State][] =>
  Object.entries(states).flatMap(([name, s]) => [
    [name, s] as [string, State],
    ...(s.Branches ?? []).flatMap((b) => allStates(b.States)),
    ...((s.ItemProcessor ?? s.Iterator) ? allStates((s.ItemProcessor ?? s.Iterator)!.States) : []),
  ]);
const states = new Map(allStates(definition.States));

describe('state names (functions/shared/domain/states.ts)', () => {
  it('names only states the ASL has, and every one of them', () => {
    expect(Object.values(STATES).filter((name) => !states.has(name))).toEqual([]);
    expect([...states.keys()].filter((name) => !(name in STATES))).toEqual([]);
    for (const [key, name] of Object.entries(STATES)) expect(key).toBe(name);
  });

  it('routes every resumable state from the ResumeAt choice, and nothing else', () => {
    const resumeAt = states.get(STATES.ResumeAt);
    expect(resumeAt?.Type).toBe('Choice');
    const branches = resumeAt?.Choices ?? [];
    for (const b of branches) expect(b).toMatchObject({ Variable: '$.resumeFrom', Next: b.StringEquals });
    expect(branches.map((b) => b.StringEquals).sort()).toEqual([...RESUMABLE_STATES].sort());
  });

  it('resumes a moved cycle at a resumable state from every phase it can be in before its meeting', () => {
    // A cycle's phase is the last Task it ran; walk from the start to the meeting, leaving out failure.
    const phases = new Set<string>();
    const seen = new Set<string>();
    const visit = (name: string | undefined): void => {
      if (!name || seen.has(name) || name === STATES.RecordFailure) return;
      seen.add(name);
      const s = states.get(name);
      if (!s || name === STATES.WaitForMeeting) return;
      if (s.Type === 'Task') phases.add(name);
      [s.Next, s.Default, ...(s.Choices ?? []).map((c) => c.Next), ...(s.Catch ?? []).map((c) => c.Next)].forEach(visit);
    };
    visit(definition.StartAt);
    expect(phases).toContain(STATES.ChaseAgendaConfirmation);
    expect(phases).toContain(STATES.SendSupplementaryCirculation);
    const resumable: readonly string[] = RESUMABLE_STATES;
    for (const phase of phases) expect({ phase, resumesAt: resumable.includes(resumePhase(phase)) }).toEqual({ phase, resumesAt: true });
  });
});

describe('resuming a failed cycle', () => {
  const tasks = [...states].filter(([, s]) => s.Type === 'Task');

  it('resumes at a resumable state from every Task a cycle can fail in', () => {
    // RecordFailure runs after the failure; the re-plan records no phase (the next test).
    const phases = tasks.map(([name]) => name).filter((name) => name !== STATES.RecordFailure && name !== STATES.ReplanTimeline);
    expect(phases).toEqual(expect.arrayContaining([STATES.ExtractActions, STATES.PublishMinutes, STATES.SendActionReminders, STATES.CloseCycle]));
    const resumable: readonly string[] = RESUMABLE_STATES;
    for (const phase of phases) expect({ phase, resumesAt: resumable.includes(resumePhase(phase)) }).toEqual({ phase, resumesAt: true });
  });

  it('leaves the phase alone while re-planning, so a failure there resumes where the execution was going', () => {
    const replan = states.get(STATES.ReplanTimeline);
    expect(replan?.Parameters).toEqual({ 'boardId.$': '$.boardId', 'cycleId.$': '$.cycleId' });
  });

  it('gives a resumed execution everything a resumable Task reads from the execution', () => {
    const provided = (state: ResumableState) => ['$.boardId', '$.cycleId', ...RESUME_NEEDS[state].map((k) => `$.${k}.`)];
    for (const name of RESUMABLE_STATES) {
      const s = states.get(name);
      if (s?.Type !== 'Task') continue;
      const read = Object.values({ ...s.Parameters, ...s.Parameters?.Payload }).filter((v): v is string => typeof v === 'string' && v.startsWith('$.'));
      const missing = read.filter((path) => !provided(name).some((p) => path === p || (p.endsWith('.') && path.startsWith(p))));
      expect({ name, missing }).toEqual({ name, missing: [] });
    }
  });
});

describe('task timeouts', () => {
  const tasks = [...states].filter(([, s]) => s.Type === 'Task');

  it('gives every Task a catalogued function whose Lambda timeout ends before the Task times out', () => {
    expect(tasks.length).toBeGreaterThan(10);
    for (const [name, s] of tasks) {
      const placeholder = /^\$\{([A-Za-z0-9]+)\}$/.exec(s.Parameters?.FunctionName ?? s.Resource ?? '')?.[1];
      const fn = TASK_FUNCTIONS.find((f) => f.substitution === placeholder);
      expect({ name, fn: fn?.id }).toEqual({ name, fn: expect.any(String) });
      // The follow-up's sleep has no result to lose: its timeout is the point, and runs the day's task.
      if (s.TimeoutSecondsPath !== undefined) {
        expect({ name, path: s.TimeoutSecondsPath }).toEqual({ name: 'WaitForNextFollowUpDay', path: '$.followUp.waitSeconds' });
        continue;
      }
      // At equal timeouts the Task times out first and the Lambda's result is lost.
      expect({ name, lambda: fn?.timeoutSeconds, belowTask: (fn?.timeoutSeconds ?? Infinity) < (s.TimeoutSeconds ?? 0) }).toEqual({
        name,
        lambda: fn?.timeoutSeconds,
        belowTask: true,
      });
    }
  });
});
