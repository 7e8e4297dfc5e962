import { transitionsByState, type HistoryEvent } from './cost';

/** A history event with its time, as GetExecutionHistory returns it (epoch milliseconds). */
export interface TimedHistoryEvent extends HistoryEvent {
  at: number;
}

/** What a Task state's Lambda runs came to in one execution. */
export interface TaskRuns {
  /** Invocations: each entry of the state, and each retry. */
  runs: number;
  /** Runs whose duration the history shows (start to result), and those durations added up in ms. */
  timedRuns: number;
  timedMs: number;
}

const RUN_STARTED: ReadonlySet<string> = new Set(['LambdaFunctionStarted', 'TaskStarted']);
/**
 * A run's end as the history shows it: the Lambda's result, or for `lambda:invoke.waitForTaskToken` its
 * TaskSubmitted (the invocation returned; the callback comes later and costs no Lambda time).
 */
const RUN_ENDED: ReadonlySet<string> = new Set([
  'LambdaFunctionSucceeded',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'TaskSubmitted',
  'TaskSucceeded',
  'TaskFailed',
  'TaskTimedOut',
]);

/**
 * Lambda invocations per Task state of an execution, from its history: one per entry of a state that
 * `invokes` (a Task state with a function) and one per retry, counted as {@link transitionsByState}
 * counts them. Durations come from the Lambda or Task start and end events where the history has them
 * (AWS's does; the local runner's has state events only): an upper bound on billed duration, since they
 * include Step Functions' own dispatch.
 */
export function taskRunsOf(events: readonly TimedHistoryEvent[], invokes: (state: string) => boolean): Map<string, TaskRuns> {
  const runs = new Map<string, TaskRuns>();
  for (const [state, n] of transitionsByState(events)) if (invokes(state)) runs.set(state, { runs: n, timedRuns: 0, timedMs: 0 });
  let current: string | undefined;
  let startedAt: number | undefined;
  for (const event of events) {
    if (event.type.endsWith('StateEntered')) {
      current = event.state;
      startedAt = undefined;
    } else if (RUN_STARTED.has(event.type)) {
      startedAt = event.at;
    } else if (RUN_ENDED.has(event.type) && startedAt !== undefined) {
      const entry = current === undefined ? undefined : runs.get(current);
      if (entry) {
        entry.timedRuns++;
        entry.timedMs += Math.max(0, event.at - startedAt);
      }
      startedAt = undefined;
    }
  }
  return runs;
}
