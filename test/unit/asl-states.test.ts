import fs from 'node:fs';
import path from 'node:path';
import { resumePhase } from '../../functions/admin/move-meeting';
import { TASK_FUNCTIONS } from '../../functions/catalog';
import { RESUMABLE_STATES, STATES } from '../../functions/shared/domain/states';

type State = {
  Type: string;
  Resource?: string;
  Parameters?: { FunctionName?: string };
  TimeoutSeconds?: number;
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

describe('task timeouts', () => {
  const tasks = [...states].filter(([, s]) => s.Type === 'Task');

  it('gives every Task a catalogued function whose Lambda timeout ends before the Task times out', () => {
    expect(tasks.length).toBeGreaterThan(10);
    for (const [name, s] of tasks) {
      const placeholder = /^\$\{([A-Za-z0-9]+)\}$/.exec(s.Parameters?.FunctionName ?? s.Resource ?? '')?.[1];
      const fn = TASK_FUNCTIONS.find((f) => f.substitution === placeholder);
      expect({ name, fn: fn?.id }).toEqual({ name, fn: expect.any(String) });
      // At equal timeouts the Task times out first and the Lambda's result is lost.
      expect({ name, lambda: fn?.timeoutSeconds, belowTask: (fn?.timeoutSeconds ?? Infinity) < (s.TimeoutSeconds ?? 0) }).toEqual({
        name,
        lambda: fn?.timeoutSeconds,
        belowTask: true,
      });
    }
  });
});
