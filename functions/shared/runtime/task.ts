import type { Context } from 'aws-lambda';
import type * as z from '../validation/zod';
import { randomUUID } from 'node:crypto';
import type { CoreDeps, TaskAttempt } from '../ports';
import { parseOrThrow } from '../domain/validate';
import { asAttempt } from './attempt';
import { clock, cycles, wire } from './wire';
import { appendLogKeys, log, observed } from './observability';

/** What the stack itself uses: the cycle's record (its phase) and the clock (the attempt's start). */
const phasePorts = /* @__PURE__ */ wire({ cycles, clock });

/**
 * The middleware stack every Step Functions task shares: the observability stack (runtime/
 * observability.ts), then validate the input against its schema (ValidationError, by name, on
 * failure), record which state the cycle is in, then run the core. An error is logged with the
 * cycle's keys and rethrown: it reaches the state machine with its name, where Retry/Catch decide.
 */
export function taskHandler<S extends z.core.$ZodType, R>(
  schema: S,
  run: (input: z.infer<S>) => Promise<R>,
  d: () => Pick<CoreDeps, 'cycles' | 'clock'> = phasePorts,
) {
  return observed<unknown, R>(async (event: unknown, context: Context) => {
    let input: z.infer<S>;
    try {
      input = parseOrThrow(schema, event, 'task input');
    } catch (error) {
      log().error('Task input refused', { error });
      throw error;
    }
    const { boardId, cycleId, state } = input as { boardId?: unknown; cycleId?: unknown; state?: unknown };
    appendLogKeys(strings({ boardId, cycleId, state }));
    const attempt = attemptOf(event, context, d().clock);
    const work = async () => {
      await recordPhase(d(), input);
      return run(input);
    };
    try {
      return await (attempt ? asAttempt(attempt, work) : work());
    } catch (error) {
      log().error('Task failed', { error });
      throw error;
    }
  });
}

/** The string values among `values`: the keys a task's log lines carry. */
const strings = (values: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));

/**
 * Which run of which task this invocation is: the ASL passes the execution's name and the state's
 * (`$$.Execution.Name`, `$$.State.Name`), Lambda the request id and function name. Send-once uses it to send again what
 * an earlier run of the same task claimed and never sent.
 */
function attemptOf(
  event: unknown,
  context: Partial<Pick<Context, 'awsRequestId' | 'functionName'>>,
  clock: Pick<CoreDeps, 'clock'>['clock'],
): TaskAttempt | undefined {
  const { execution, state } = (event ?? {}) as { execution?: unknown; state?: unknown };
  // A task that records no phase (RecordFailure) is told apart by its function: one state calls it.
  const task = typeof state === 'string' && state ? state : context.functionName;
  if (typeof execution !== 'string' || !execution || !task) return undefined;
  return { scope: `${execution}#${task}`, by: context.awsRequestId ?? randomUUID(), startedAt: clock.now().toISOString() };
}

/** The cycle's `phase` names the state it is in, so the console and a failure report can say where. */
async function recordPhase(d: Pick<CoreDeps, 'cycles'>, input: unknown): Promise<void> {
  const { boardId, cycleId, state } = input as { boardId?: string; cycleId?: string; state?: string };
  if (!boardId || !cycleId || !state) return;
  await d.cycles.updateCycle(boardId, cycleId, (c) => (c.phase === state ? {} : { phase: state }));
}
