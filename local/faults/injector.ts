import { AsyncLocalStorage } from 'node:async_hooks';
import type { InvokeCall } from '../runtime/local-step-functions';
import { NamedError } from '../runtime/local-step-functions';

/**
 * The faults injected into one Task's invocation: (a) it crashes after its side effects, (b) its first
 * AWS call is throttled, (c) its sandbox dies halfway through its emails.
 */
export type InvocationFault = 'crash-after' | 'throttle' | 'crash-halfway';

/** Every kind of fault the harness injects; (d) and (e) hit the link pages, not a Task. */
export type FaultKind = InvocationFault | 'double-post' | 'failed-resume';

/** The letters of the issue (a–e), for `--kind`. */
export const KIND_LETTERS: Record<string, FaultKind> = { a: 'crash-after', b: 'throttle', c: 'crash-halfway', d: 'double-post', e: 'failed-resume' };

/** What the harness arms for one run: one fault, on the first invocation of one state. */
export interface InvocationPlan {
  kind: InvocationFault;
  stateName: string;
  /** For crash-halfway: the SES sends that succeed before the sandbox dies. */
  sendsBeforeCrash?: number;
}

/** The first invocation of a state in a run: how many emails it sent (the baseline finds fan-outs by this). */
export interface InvocationRecord {
  stateName: string;
  sesSends: number;
}

/** The subset of an SDK v3 client the injector needs: its middleware stack. */
export interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string; clientName?: string }) => (args: unknown) => Promise<unknown>,
      options: { step: 'serialize'; name: string },
    ): void;
  };
}

interface Invocation {
  call: InvokeCall;
  plan?: InvocationPlan;
  calls: number;
  /** SES sends begun (counted as they start: a fan-out may send several at once). */
  sesSends: number;
  dead: boolean;
  kill?: (err: Error) => void;
}

const SEND_EMAIL = 'SendEmailCommand';
const SEND_TASK_SUCCESS = 'SendTaskSuccessCommand';

/** A Lambda sandbox that stopped mid-invocation, as Step Functions reports it. */
export const sandboxTimedOut = (stateName: string): Error => new NamedError('Sandbox.Timedout', `Injected: the sandbox running ${stateName} stopped.`);

/**
 * A throttling error shaped as the SDK would raise it from the service's answer: DynamoDB reports
 * ProvisionedThroughputExceededException, the other services ThrottlingException.
 */
export function throttlingError(clientName: string | undefined): Error {
  const name = clientName?.startsWith('DynamoDB') ? 'ProvisionedThroughputExceededException' : 'ThrottlingException';
  return Object.assign(new NamedError(name, 'Rate exceeded (injected)'), {
    $fault: 'client',
    $metadata: { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 },
    $retryable: { throttling: true },
  });
}

/**
 * Injects faults into the local cloud: Lambda-level ones around the runner's invocations (the hook
 * `aroundInvoke`), AWS-level ones in middleware added to the SDK clients the handlers share. Each
 * invocation runs in its own AsyncLocalStorage scope, so a fault reaches only the calls of the
 * invocation it was aimed at. A fault fires once, on the first invocation of its state: the retry runs
 * clean, which is what the state machine's Retry exercises.
 */
export class FaultInjector {
  private readonly scope = new AsyncLocalStorage<Invocation>();
  private readonly installed = new WeakSet<object>();
  private plan: InvocationPlan | undefined;
  private resumeFault: { when: () => boolean; fired: boolean } | undefined;
  private readonly seen = new Map<string, InvocationRecord>();
  /** The plan has met its invocation. */
  private aimed = false;
  /** The fault has happened: the throttle thrown, the crash made. */
  private fired = false;

  /** Adds the injector's middleware to each client, once per client. */
  install(...clients: MiddlewareClient[]): void {
    for (const client of clients) {
      if (this.installed.has(client.middlewareStack)) continue;
      this.installed.add(client.middlewareStack);
      // Inside the adapters' error mapping (initialize) and outside the SDK's retries (finalizeRequest): a
      // throttle injected here is what the SDK's own retries could not fix, as the adapters then see it.
      client.middlewareStack.add((next, context) => (args) => this.onCall(context, () => next(args)), { step: 'serialize', name: 'faultInjector' });
    }
  }

  /** Starts a run: forgets what the last one saw and arms `plan`, if any. */
  arm(plan?: InvocationPlan): void {
    this.plan = plan;
    this.aimed = false;
    this.fired = false;
    this.resumeFault = undefined;
    this.seen.clear();
  }

  /** Fails the first SendTaskSuccess made while `when()` holds (a link page resuming the execution). */
  armFailedResume(when: () => boolean): void {
    this.resumeFault = { when, fired: false };
  }

  /** Whether the armed fault has happened in this run (a fan-out that sent too few emails to crash halfway has not). */
  hasFired(): boolean {
    return this.fired || this.resumeFault?.fired === true;
  }

  /** The first invocation of each state in this run, with the emails it sent. */
  firstInvocations(): InvocationRecord[] {
    return [...this.seen.values()];
  }

  /** The runner's hook: runs one invocation in its own scope, with the fault aimed at it, if any. */
  readonly aroundInvoke = (call: InvokeCall, run: () => Promise<unknown>): Promise<unknown> => {
    const first = !this.seen.has(call.stateName);
    const record: InvocationRecord = { stateName: call.stateName, sesSends: 0 };
    if (first) this.seen.set(call.stateName, record);
    const aimed = this.plan && !this.aimed && this.plan.stateName === call.stateName ? this.plan : undefined;
    if (aimed) this.aimed = true;
    const invocation: Invocation = { call, calls: 0, sesSends: 0, dead: false, ...(aimed ? { plan: aimed } : {}) };
    return this.scope.run(invocation, async () => {
      try {
        return await this.runWith(invocation, run);
      } finally {
        if (first) record.sesSends = invocation.sesSends;
      }
    });
  };

  private async runWith(invocation: Invocation, run: () => Promise<unknown>): Promise<unknown> {
    const kind = invocation.plan?.kind;
    if (kind === 'crash-halfway') {
      // The handler goes on in the background after its sandbox "dies"; every AWS call it makes then fails.
      const handled = run();
      handled.catch(() => undefined);
      const died = new Promise<never>((_resolve, reject) => (invocation.kill = reject));
      return Promise.race([handled, died]);
    }
    const result = await run();
    if (kind === 'crash-after') {
      this.fired = true;
      throw sandboxTimedOut(invocation.call.stateName);
    }
    return result;
  }

  private async onCall(context: { commandName?: string; clientName?: string }, next: () => Promise<unknown>): Promise<unknown> {
    const invocation = this.scope.getStore();
    if (!invocation) {
      const resume = this.resumeFault;
      if (context.commandName === SEND_TASK_SUCCESS && resume && !resume.fired && resume.when()) {
        resume.fired = true;
        throw throttlingError(context.clientName);
      }
      return next();
    }
    if (invocation.dead) throw sandboxTimedOut(invocation.call.stateName);
    invocation.calls++;
    const plan = invocation.plan;
    if (plan?.kind === 'throttle' && invocation.calls === 1) {
      this.fired = true;
      throw throttlingError(context.clientName);
    }
    if (context.commandName !== SEND_EMAIL) return next();
    if (plan?.kind === 'crash-halfway' && invocation.sesSends >= (plan.sendsBeforeCrash ?? 0)) {
      this.fired = true;
      invocation.dead = true;
      const err = sandboxTimedOut(invocation.call.stateName);
      invocation.kill?.(err);
      throw err;
    }
    invocation.sesSends++;
    return next();
  }
}
