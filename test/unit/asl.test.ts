import fs from 'node:fs';
import path from 'node:path';
import validate from 'asl-validator';
import * as errors from '../../functions/shared/domain/errors';
import { TASK_FUNCTIONS } from '../../functions/catalog';

const DIR = path.join(__dirname, '..', '..', 'statemachines');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.asl.json'));
type State = Record<string, unknown> & { Type: string };

const allStates = (states: Record<string, State>): [string, State][] =>
  Object.entries(states).flatMap(([name, s]) => [
    [name, s] as [string, State],
    ...((s.Branches as { States: Record<string, State> }[] | undefined) ?? []).flatMap((b) => allStates(b.States)),
    ...((s.ItemProcessor ?? s.Iterator) ? allStates(((s.ItemProcessor ?? s.Iterator) as { States: Record<string, State> }).States) : []),
  ]);

describe.each(files)('%s', (file) => {
  const text = fs.readFileSync(path.join(DIR, file), 'utf8');
  const definition = JSON.parse(text) as { States: Record<string, State>; QueryLanguage?: string };
  const states = allStates(definition.States);

  it('is valid ASL according to asl-validator', () => {
    const result = validate(definition as never);
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('uses JSONPath only, because the local interpreter silently ignores JSONata', () => {
    expect(definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    for (const [, s] of states) expect(s.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(text).not.toMatch(/\{%[\s\S]*?%\}/);
    expect(text).not.toMatch(/"(Arguments|Output|Assign)"\s*:/);
  });

  // Which names each Retry lists: test/unit/retry-names.test.ts.
  it('gives every Task a timeout and a catch', () => {
    const tasks = states.filter(([, s]) => s.Type === 'Task');
    expect(tasks.length).toBeGreaterThan(10);
    for (const [name, s] of tasks) {
      // The follow-up's sleep is timed by its plan (the next day with work): its timeout comes from the input.
      const timeout =
        name === 'WaitForNextFollowUpDay' ? s.TimeoutSecondsPath === '$.followUp.waitSeconds' : typeof s.TimeoutSeconds === 'number' && s.TimeoutSeconds > 0;
      expect({ name, timeout }).toEqual({ name, timeout: true });
      const catches = (s.Catch as { ErrorEquals: string[] }[] | undefined) ?? [];
      expect({ name, catchesAll: catches.some((c) => c.ErrorEquals.includes('States.ALL')) }).toEqual({ name, catchesAll: true });
    }
  });

  it('sends every callback timeout to a chase state, so no execution waits for ever', () => {
    const callbacks = states.filter(([n, s]) => String(s.Resource).endsWith('.waitForTaskToken') && n !== 'WaitForNextFollowUpDay');
    expect(callbacks.map(([n]) => n).sort()).toEqual(['WaitForAgendaConfirmation', 'WaitForChairApproval', 'WaitForMinutesDraft']);
    for (const [name, s] of callbacks) {
      const timeout = (s.Catch as { ErrorEquals: string[]; Next: string }[]).find((c) => c.ErrorEquals.includes('States.Timeout'));
      expect({ name, chase: timeout?.Next.startsWith('Chase') }).toEqual({ name, chase: true });
      expect((s.Parameters as { Payload: Record<string, string> }).Payload['taskToken.$']).toBe('$$.Task.Token');
    }
  });

  it('names in ErrorEquals only errors that errors.ts defines (or the platform raises)', () => {
    const names = new Set(
      states.flatMap(([, s]) =>
        [...((s.Retry as { ErrorEquals: string[] }[]) ?? []), ...((s.Catch as { ErrorEquals: string[] }[]) ?? [])].flatMap((r) => r.ErrorEquals),
      ),
    );
    const platform: readonly string[] = errors.PLATFORM_RETRYABLE_ERRORS;
    for (const n of [...names].filter((name) => /^(Lambda|Sandbox)\./.test(name))) expect({ n, known: platform.includes(n) }).toEqual({ n, known: true });
    const ours = [...names].filter((n) => !/^(States|Lambda|Sandbox)\./.test(n));
    for (const n of ours) expect({ n, defined: typeof (errors as Record<string, unknown>)[n] === 'function' }).toEqual({ n, defined: true });
  });

  it('times its Wait states from the timeline, so a moved meeting can re-plan them', () => {
    for (const [name, s] of states.filter(([, st]) => st.Type === 'Wait')) {
      expect({ name, path: String(s.TimestampPath) }).toEqual({ name, path: expect.stringMatching(/^\$\.timeline\.[a-zA-Z]+$/) });
    }
  });

  it('follows up actions on the days with work after the minutes, until a later cycle takes over or the bound is reached', () => {
    const byName = new Map(states);
    expect(byName.get('NotifyActionOwners')?.Next).toBe('SendActionReminders');
    expect(byName.get('SendActionReminders')).toMatchObject({ ResultPath: '$.followUp', Next: 'CheckFollowUpHandover' });
    expect(byName.get('CheckFollowUpHandover')).toMatchObject({
      Type: 'Choice',
      Choices: [{ Variable: '$.followUp.done', BooleanEquals: true, Next: 'CloseCycle' }],
      Default: 'WaitForNextFollowUpDay',
    });
    // Asleep until the next day with work: the timeout runs the day; a change resumes it early with a new plan.
    expect(byName.get('WaitForNextFollowUpDay')).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: '${SendActionRemindersFunctionArn}', Payload: { 'taskToken.$': '$$.Task.Token', 'wakeAt.$': '$.followUp.next' } },
      TimeoutSecondsPath: '$.followUp.waitSeconds',
      ResultPath: '$.followUp',
      Next: 'CheckFollowUpHandover',
    });
    const catches = byName.get('WaitForNextFollowUpDay')?.Catch as { ErrorEquals: string[]; Next: string; ResultPath?: unknown }[];
    expect(catches[0]).toEqual({ ErrorEquals: ['States.Timeout'], ResultPath: null, Next: 'SendActionReminders' });
  });

  it('uses a placeholder for each catalogued task function and nothing else', () => {
    const placeholders = new Set([...text.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((m) => m[1]));
    expect([...placeholders].sort()).toEqual(TASK_FUNCTIONS.map((f) => f.substitution).sort());
  });
});
