import { AsyncLocalStorage } from 'node:async_hooks';
import type { TaskAttempt } from '../ports';

/**
 * The task run each invocation belongs to, kept for the length of the invocation: concurrent
 * invocations in one process (the local cloud runs every handler in one) each see their own.
 */
const runs = new AsyncLocalStorage<TaskAttempt>();

/** The task run in progress, if this code runs inside a Step Functions task. */
export const currentAttempt = (): TaskAttempt | undefined => runs.getStore();

/** Runs `work` as the task run `attempt`. */
export const asAttempt = <R>(attempt: TaskAttempt, work: () => Promise<R>): Promise<R> => runs.run(attempt, work);
