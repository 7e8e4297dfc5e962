import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './asl';
import type { VirtualClock } from './virtual-clock';

type Json = Record<string, unknown>;

/** One schedule as the local EventBridge Scheduler keeps it. */
export interface LocalSchedule {
  name: string;
  groupName: string;
  scheduleArn: string;
  /** When it fires, on the virtual clock. */
  at: Date;
  target: { arn: string; roleArn: string; input: string };
  actionAfterCompletion: 'DELETE' | 'NONE';
  /** The execution it starts, read from a StartExecution target. */
  execution?: { name: string; input: Json };
}

/** What happened when a schedule fired: the execution it started, or why it started none. */
export interface LocalFiring {
  name: string;
  at: string;
  executionName?: string;
  error?: string;
}

export interface LocalSchedulerOptions {
  clock: VirtualClock;
  stateMachineArn: string;
  /**
   * Starts an execution, synchronously, as Step Functions' StartExecution (what EventBridge Scheduler calls in
   * AWS); runs when the virtual clock passes the schedule, so the clock's settle sees the execution at once.
   */
  startExecution: (name: string, input: Json) => void;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const AT = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/;
const START_EXECUTION = /^arn:[a-z-]+:scheduler:::aws-sdk:sfn:startExecution$/;

/**
 * The part of the EventBridge Scheduler API the app uses (one-time `at(...)` schedules: Create, Update,
 * Get and Delete), served on a local port with each schedule a timer on the virtual clock. When the clock
 * passes it, the schedule starts its execution as the universal StartExecution target would, and deletes
 * itself (ActionAfterCompletion DELETE). The app's EventBridgeScheduler adapter talks to it through
 * AWS_ENDPOINT_URL_SCHEDULER, unchanged.
 */
export class LocalScheduler {
  private readonly schedules = new Map<string, { schedule: LocalSchedule; timer: AbortController }>();
  private readonly firings: LocalFiring[] = [];
  private server: http.Server | undefined;
  endpoint = '';

  constructor(private readonly opts: LocalSchedulerOptions) {}

  /** Schedules waiting to fire, soonest first: what the console lists. */
  list(): LocalSchedule[] {
    return [...this.schedules.values()].map((s) => s.schedule).sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /** Every schedule that fired, in order. */
  fired(): LocalFiring[] {
    return [...this.firings];
  }

  async listen(): Promise<string> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const text = Buffer.concat(chunks).toString('utf8');
          const out = this.operate(req.method ?? 'GET', new URL(req.url ?? '/', 'http://local'), text ? (JSON.parse(text) as Json) : {});
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(out));
        } catch (err) {
          const e = err instanceof ApiError ? err : new ApiError(400, 'ValidationException', (err as Error).message);
          res.writeHead(e.status, { 'content-type': 'application/json', 'x-amzn-errortype': e.type });
          res.end(JSON.stringify({ Message: e.message }));
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.endpoint;
  }

  async stop(): Promise<void> {
    for (const { timer } of this.schedules.values()) timer.abort();
    this.schedules.clear();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private operate(method: string, url: URL, body: Json): Json {
    const match = /^\/schedules\/([^/]+)$/.exec(url.pathname);
    if (!match) throw new ApiError(404, 'ResourceNotFoundException', `The local EventBridge Scheduler does not serve ${method} ${url.pathname}.`);
    const name = decodeURIComponent(match[1] ?? '');
    const groupName = String(body.GroupName ?? url.searchParams.get('groupName') ?? 'default');
    const key = `${groupName}/${name}`;
    const existing = this.schedules.get(key);
    switch (method) {
      case 'POST':
      case 'PUT': {
        if (method === 'POST' && existing) throw new ApiError(409, 'ConflictException', `Schedule ${name} already exists.`);
        if (method === 'PUT' && !existing) throw new ApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
        const schedule = this.parse(name, groupName, body);
        existing?.timer.abort();
        this.arm(key, schedule);
        return { ScheduleArn: schedule.scheduleArn };
      }
      case 'GET': {
        if (!existing) throw new ApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
        const s = existing.schedule;
        return {
          Name: s.name,
          GroupName: s.groupName,
          Arn: s.scheduleArn,
          ScheduleExpression: `at(${s.at.toISOString().slice(0, 19)})`,
          ScheduleExpressionTimezone: 'UTC',
          ActionAfterCompletion: s.actionAfterCompletion,
          State: 'ENABLED',
          Target: { Arn: s.target.arn, RoleArn: s.target.roleArn, Input: s.target.input },
        };
      }
      case 'DELETE':
        if (!existing) throw new ApiError(404, 'ResourceNotFoundException', `Schedule ${name} does not exist.`);
        existing.timer.abort();
        this.schedules.delete(key);
        return {};
      default:
        throw new ApiError(405, 'ValidationException', `${method} is not supported.`);
    }
  }

  private parse(name: string, groupName: string, body: Json): LocalSchedule {
    const expression = AT.exec(String(body.ScheduleExpression ?? ''));
    if (!expression)
      throw new ApiError(
        400,
        'ValidationException',
        `Only one-time at(yyyy-mm-ddThh:mm:ss) schedules are served locally, not ${String(body.ScheduleExpression)}.`,
      );
    if ((body.ScheduleExpressionTimezone ?? 'UTC') !== 'UTC') throw new ApiError(400, 'ValidationException', 'Only UTC schedules are served locally.');
    const target = (body.Target ?? {}) as Json;
    if (typeof target.Arn !== 'string' || typeof target.RoleArn !== 'string') throw new ApiError(400, 'ValidationException', 'A target needs Arn and RoleArn.');
    const input = typeof target.Input === 'string' ? target.Input : '{}';
    let execution: LocalSchedule['execution'];
    if (START_EXECUTION.test(target.Arn)) {
      const request = JSON.parse(input) as Json;
      if (request.StateMachineArn !== this.opts.stateMachineArn) {
        throw new ApiError(400, 'ValidationException', `The target's StateMachineArn ${String(request.StateMachineArn)} is not the local state machine.`);
      }
      execution = { name: String(request.Name ?? ''), input: JSON.parse(String(request.Input ?? '{}')) as Json };
    }
    return {
      name,
      groupName,
      scheduleArn: `arn:aws:scheduler:${LOCAL_REGION}:${LOCAL_ACCOUNT}:schedule/${groupName}/${name}`,
      at: new Date(`${expression[1]}Z`),
      target: { arn: target.Arn, roleArn: target.RoleArn, input },
      actionAfterCompletion: body.ActionAfterCompletion === 'DELETE' ? 'DELETE' : 'NONE',
      ...(execution ? { execution } : {}),
    };
  }

  private arm(key: string, schedule: LocalSchedule): void {
    const timer = new AbortController();
    this.schedules.set(key, { schedule, timer });
    const label = schedule.execution ? `Scheduled start · ${schedule.execution.name}` : `Schedule ${schedule.name}`;
    // Rejected when the schedule is deleted or replaced, or the local cloud stops: nothing to do then.
    this.opts.clock.sleepUntil(schedule.at, label, { signal: timer.signal, onFire: () => this.fire(key, schedule) }).catch(() => undefined);
  }

  private fire(key: string, schedule: LocalSchedule): void {
    if (this.schedules.get(key)?.schedule !== schedule) return;
    if (schedule.actionAfterCompletion === 'DELETE') this.schedules.delete(key);
    const firing: LocalFiring = { name: schedule.name, at: this.opts.clock.now().toISOString() };
    try {
      if (!schedule.execution) throw new Error(`The local scheduler only starts executions; ${schedule.target.arn} is not served.`);
      firing.executionName = schedule.execution.name;
      this.opts.startExecution(schedule.execution.name, schedule.execution.input);
    } catch (err) {
      // EventBridge Scheduler would send this to a dead-letter queue; locally it is kept, and logged.
      firing.error = `${(err as Error).name}: ${(err as Error).message}`;
      console.warn(`Schedule ${schedule.name} fired but started nothing: ${firing.error}`);
    }
    this.firings.push(firing);
  }
}
