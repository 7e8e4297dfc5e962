import { randomBytes, randomUUID } from 'node:crypto';
import { StateMachine } from 'aws-local-stepfunctions';
import { LOCAL_ACCOUNT, LOCAL_REGION, LOCAL_TIMEOUT_PARAMETER, loadLocalDefinition, readPath, type LocalDefinition, type LocalStatePlan } from './asl';
import type { VirtualClock } from './virtual-clock';

type Json = Record<string, unknown>;
export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** One line of an execution's history, stamped with virtual time. */
export interface LocalEvent {
  type: string;
  state?: string;
  at: string;
  error?: string;
  cause?: string;
}

export interface LocalExecution {
  executionArn: string;
  name: string;
  input: Json;
  status: ExecutionStatus;
  startDate: string;
  stopDate?: string;
  output?: unknown;
  error?: string;
  cause?: string;
  /** The state the execution is in (or last was). */
  currentState?: string;
  /** What it is blocked on: work in progress, a virtual timer, a callback, or nothing (finished). */
  activity: 'running' | 'timer' | 'callback' | 'done';
  events: LocalEvent[];
}

interface PendingCallback {
  executionArn: string;
  stateName: string;
  resolve: (output: unknown) => void;
  reject: (err: Error) => void;
}

/** Fills the `state` field that the ASL sets from `$$.State.Name`, where the task asks for it. */
function withStateName(input: unknown, stateName: string): unknown {
  return input && typeof input === 'object' && 'state' in input ? { ...(input as Json), state: stateName } : input;
}

/** An error whose `name` the ASL's Retry/Catch matches, as Lambda and Step Functions report them. */
export class NamedError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** One Lambda invocation the runner is about to make: which state of which execution, which handler. */
export interface InvokeCall {
  executionArn: string;
  stateName: string;
  functionDir: string;
}

/**
 * Wraps every invocation: `run` calls the handler and resolves to its result. What the wrapper returns
 * or throws is what the state machine sees, as if Lambda had returned or failed it.
 */
export type AroundInvoke = (call: InvokeCall, run: () => Promise<unknown>) => Promise<unknown>;

export interface LocalStepFunctionsOptions {
  clock: VirtualClock;
  /** Wraps each handler invocation (the fault harness injects Lambda-level faults here); none by default. */
  aroundInvoke?: AroundInvoke;
  /** Returns the real handler exported by functions/<dir>/handler.ts. */
  loadHandler: (functionDir: string) => LambdaHandler;
  definition?: LocalDefinition;
  stateMachineName?: string;
}

/**
 * Runs the cycle's ASL on aws-local-stepfunctions with the real handler modules, adding what that
 * library lacks: task tokens for `.waitForTaskToken` (resumed through sendTaskSuccess, as the AWS API
 * does), Wait states and callback timeouts on the virtual clock, and a history per execution.
 */
export class LocalStepFunctions {
  readonly stateMachineArn: string;
  private readonly clock: VirtualClock;
  private readonly loadHandler: (dir: string) => LambdaHandler;
  private readonly aroundInvoke: AroundInvoke | undefined;
  private readonly local: LocalDefinition;
  private readonly machine: StateMachine;
  private readonly executions = new Map<string, LocalExecution>();
  private readonly callbacks = new Map<string, PendingCallback>();
  private readonly aborts = new Map<string, () => void>();
  /** Per execution, what cancels its pending virtual timers when it is stopped. */
  private readonly timerAborts = new Map<string, AbortController[]>();
  private readonly listeners = new Set<(execution: LocalExecution, event: LocalEvent) => void>();

  constructor(opts: LocalStepFunctionsOptions) {
    this.clock = opts.clock;
    this.loadHandler = opts.loadHandler;
    this.aroundInvoke = opts.aroundInvoke;
    this.local = opts.definition ?? loadLocalDefinition();
    const name = opts.stateMachineName ?? 'MeetingCycle';
    this.stateMachineArn = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${name}`;
    this.machine = new StateMachine(this.local.definition as never, {
      validationOptions: { checkArn: true, checkPaths: true },
    });
  }

  /** Called with every history event of every execution (console live view, demo progress). */
  onEvent(listener: (execution: LocalExecution, event: LocalEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  startExecution(input: Json, name: string = randomUUID()): LocalExecution {
    const executionArn = `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:execution:${this.stateMachineArn.split(':').pop()}:${name}`;
    if (this.executions.has(executionArn)) {
      throw new NamedError('ExecutionAlreadyExists', `Execution ${name} already exists.`);
    }
    const execution: LocalExecution = {
      executionArn,
      name,
      input,
      status: 'RUNNING',
      startDate: this.clock.now().toISOString(),
      activity: 'running',
      events: [],
    };
    this.executions.set(executionArn, execution);
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    const retryIntervals: Record<string, number> = {};
    for (const [stateName, plan] of this.local.plans) {
      handlers[stateName] = (stateInput) => this.runState(execution, stateName, plan, stateInput);
      retryIntervals[stateName] = 10;
    }
    const run = this.machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never, retryIntervalOverrides: retryIntervals },
      context: {
        Execution: { Id: executionArn, Name: name, Input: input as never, StartTime: execution.startDate },
        // Replaced per callback by a fresh token in runCallback: the library has no tokens of its own.
        Task: { Token: 'replaced-per-callback' },
        // Replaced per task in runState: the library does not fill $$.State.
        State: { Name: 'replaced-per-state' },
      },
    });
    this.aborts.set(executionArn, run.abort);
    void this.recordEvents(execution, run.eventLogs);
    run.result.then(
      (output) => this.finish(execution, 'SUCCEEDED', { output }),
      (err: Error & { cause?: { name?: string; message?: string } }) => {
        if (execution.status === 'ABORTED') return;
        const inner = err.cause ?? err;
        this.finish(execution, 'FAILED', { error: inner.name ?? err.name, cause: inner.message ?? err.message });
      },
    );
    return execution;
  }

  /**
   * Aborts every running execution and releases what they wait on, so that nothing (not even the
   * library's long real timers) keeps the process alive after the local cloud stops.
   */
  stop(): void {
    for (const execution of this.list()) this.stopExecution(execution.executionArn);
    this.clock.cancelAll('The local cloud stopped.');
  }

  /**
   * StopExecution: aborts one execution and releases its pending callback and timers. A finished
   * execution is left as it is. Returns the execution, or undefined if there is none.
   */
  stopExecution(executionArn: string): LocalExecution | undefined {
    const execution = this.executions.get(executionArn);
    if (!execution || execution.status !== 'RUNNING') return execution;
    Object.assign(execution, { status: 'ABORTED', activity: 'done', stopDate: this.clock.now().toISOString() });
    this.aborts.get(executionArn)?.();
    for (const [token, pending] of this.callbacks) {
      if (pending.executionArn !== executionArn) continue;
      this.callbacks.delete(token);
      pending.reject(new NamedError('ExecutionAborted', 'The execution was stopped.'));
    }
    for (const abort of this.timerAborts.get(executionArn) ?? []) abort.abort();
    this.timerAborts.delete(executionArn);
    return execution;
  }

  sendTaskSuccess(taskToken: string, output: unknown): void {
    this.takeCallback(taskToken).resolve(output);
  }

  sendTaskFailure(taskToken: string, error: string, cause: string): void {
    this.takeCallback(taskToken).reject(new NamedError(error, cause));
  }

  describe(executionArn: string): LocalExecution | undefined {
    return this.executions.get(executionArn);
  }

  /** Callbacks waiting for an answer: what the console shows as "waiting for …". */
  pendingCallbacks(): { executionArn: string; stateName: string }[] {
    return [...this.callbacks.values()].map(({ executionArn, stateName }) => ({ executionArn, stateName }));
  }

  list(): LocalExecution[] {
    return [...this.executions.values()];
  }

  /** Resolves once no execution is doing work: each is finished or waiting on the clock or a person. */
  async settle(deadlineMs = 60_000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const busy = this.list().filter((e) => e.activity === 'running');
      if (busy.length === 0) return;
      if (Date.now() > deadline) {
        throw new Error(`Still running after ${deadlineMs} ms: ${busy.map((e) => `${e.name} in ${e.currentState}`).join(', ')}`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Moves the virtual clock to the next pending timer (a milestone or a callback's timeout), if any. */
  async advanceToNext(): Promise<{ at: Date; label: string } | undefined> {
    await this.settle();
    const next = this.clock.nextTimer();
    if (next) await this.clock.advanceTo(next.at, () => this.settle());
    return next;
  }

  async advanceTo(at: Date): Promise<void> {
    await this.settle();
    await this.clock.advanceTo(at, () => this.settle());
  }

  private takeCallback(taskToken: string): PendingCallback {
    const pending = this.callbacks.get(taskToken);
    if (!pending) throw new NamedError('TaskDoesNotExist', 'Task token does not exist or has already been used.');
    this.callbacks.delete(taskToken);
    const execution = this.executions.get(pending.executionArn);
    if (execution) execution.activity = 'running';
    return pending;
  }

  private async runState(execution: LocalExecution, stateName: string, plan: LocalStatePlan, input: unknown): Promise<unknown> {
    execution.currentState = stateName;
    if (plan.kind === 'wait') {
      const at = readPath(input, plan.timestampPath);
      if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) {
        throw new NamedError('States.Runtime', `${stateName}: ${plan.timestampPath} is not a timestamp`);
      }
      execution.activity = 'timer';
      await this.clock.sleepUntil(new Date(at), `${stateName} · ${execution.name}`, {
        signal: this.timerCancel(execution).signal,
        onFire: () => (execution.activity = 'running'),
      });
      return null;
    }
    if (plan.kind === 'task') return this.invoke(execution, stateName, plan.functionDir, withStateName(input, stateName));
    const params = input as Json;
    return this.runCallback(execution, stateName, plan, { ...params, Payload: withStateName(params.Payload, stateName) });
  }

  private async runCallback(execution: LocalExecution, stateName: string, plan: Extract<LocalStatePlan, { kind: 'callback' }>, input: Json): Promise<unknown> {
    const taskToken = randomBytes(48).toString('base64url');
    const answered = new Promise<unknown>((resolve, reject) => {
      this.callbacks.set(taskToken, { executionArn: execution.executionArn, stateName, resolve, reject });
    });
    // Stopping the execution while its task is still being invoked rejects this before anyone awaits it.
    answered.catch(() => undefined);
    const payload = { ...(input.Payload as Json), taskToken };
    const timeoutSeconds = LOCAL_TIMEOUT_PARAMETER in input ? input[LOCAL_TIMEOUT_PARAMETER] : plan.timeoutSeconds;
    if (typeof timeoutSeconds !== 'number' || !Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) {
      throw new NamedError('States.Runtime', `${stateName}: its TimeoutSecondsPath is not a positive whole number of seconds`);
    }
    try {
      await this.invoke(execution, stateName, plan.functionDir, payload);
    } catch (err) {
      this.callbacks.delete(taskToken);
      throw err;
    }
    if (this.callbacks.has(taskToken)) execution.activity = 'callback';
    const timer = this.timerCancel(execution);
    const timedOut: Promise<never> = this.clock
      .sleepUntil(new Date(this.clock.now().getTime() + timeoutSeconds * 1000), `${stateName} timeout · ${execution.name}`, {
        signal: timer.signal,
        onFire: () => {
          if (this.callbacks.delete(taskToken)) execution.activity = 'running';
        },
      })
      .then(() => {
        throw new NamedError('States.Timeout', `${stateName} timed out after ${timeoutSeconds} s`);
      });
    timedOut.catch(() => undefined);
    try {
      return await Promise.race([answered, timedOut]);
    } finally {
      timer.abort();
    }
  }

  private timerCancel(execution: LocalExecution): AbortController {
    const controller = new AbortController();
    const list = this.timerAborts.get(execution.executionArn) ?? [];
    list.push(controller);
    this.timerAborts.set(execution.executionArn, list);
    return controller;
  }

  private invoke(execution: LocalExecution, stateName: string, functionDir: string, event: unknown): Promise<unknown> {
    const run = () => this.invokeHandler(functionDir, event);
    return this.aroundInvoke ? this.aroundInvoke({ executionArn: execution.executionArn, stateName, functionDir }, run) : run();
  }

  private async invokeHandler(functionDir: string, event: unknown): Promise<unknown> {
    const handler = this.loadHandler(functionDir);
    const started = Date.now();
    const context = {
      functionName: `meeting-cycle-${functionDir}`,
      awsRequestId: randomUUID(),
      callbackWaitsForEmptyEventLoop: false,
      getRemainingTimeInMillis: () => Math.max(0, 900_000 - (Date.now() - started)),
    };
    // A JSON round trip, as Lambda's payloads are: no Dates or undefined slip through locally only.
    const result = await handler(JSON.parse(JSON.stringify(event ?? null)), context);
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  }

  private async recordEvents(execution: LocalExecution, events: AsyncGenerator<unknown>): Promise<void> {
    for await (const item of events) {
      const raw = item as Record<string, unknown>;
      const state = raw.state as { name?: string } | undefined;
      const event: LocalEvent = { type: String(raw.type), at: this.clock.now().toISOString() };
      if (state?.name) event.state = state.name;
      if (typeof raw.Error === 'string') event.error = raw.Error;
      if (raw.Cause !== undefined) event.cause = String(raw.Cause);
      if (event.type === 'StateEntered' && event.state) execution.currentState = event.state;
      this.emit(execution, event);
    }
  }

  private finish(execution: LocalExecution, status: ExecutionStatus, detail: { output?: unknown; error?: string; cause?: string }): void {
    // The library's own event stream records ExecutionSucceeded/ExecutionFailed in the history.
    Object.assign(execution, detail, { status, activity: 'done', stopDate: this.clock.now().toISOString() });
  }

  private emit(execution: LocalExecution, event: LocalEvent): void {
    execution.events.push(event);
    for (const listener of this.listeners) listener(execution, event);
  }
}
