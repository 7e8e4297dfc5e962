import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { FaultInjector, type MiddlewareClient } from '../../local/faults/injector';
import { taskStates } from '../../local/faults/tasks';
import { LocalStepFunctions, type InvokeCall } from '../../local/runtime/local-step-functions';
import { VirtualClock } from '../../local/runtime/virtual-clock';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CONFIG = { region: 'eu-west-2', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };

/** A real SDK client whose requests never leave the process: a last middleware answers each one. */
function offlineClient<T extends SESv2Client | SFNClient>(client: T, reached: string[]): T {
  const stack = client.middlewareStack as unknown as {
    add(m: (next: unknown, context: { commandName?: string }) => () => Promise<unknown>, options: Record<string, string>): void;
  };
  stack.add(
    (_next, context) => async () => {
      reached.push(String(context.commandName));
      return { output: { $metadata: {} }, response: {} };
    },
    { step: 'build', priority: 'low', name: 'offlineAnswer' },
  );
  return client;
}

const call = (stateName: string): InvokeCall => ({ executionArn: 'arn:exec', stateName, functionDir: 'dir' });
const sendEmail = () => new SendEmailCommand({ Content: { Raw: { Data: new Uint8Array([1]) } } });

describe('FaultInjector', () => {
  let reached: string[];
  let ses: SESv2Client;
  let sfn: SFNClient;
  let injector: FaultInjector;

  beforeEach(() => {
    reached = [];
    ses = offlineClient(new SESv2Client(CONFIG), reached);
    sfn = offlineClient(new SFNClient(CONFIG), reached);
    injector = new FaultInjector();
    injector.install(ses as unknown as MiddlewareClient, sfn as unknown as MiddlewareClient);
    injector.install(ses as unknown as MiddlewareClient);
  });

  const sendAll = async (n: number) => {
    for (let i = 0; i < n; i++) await ses.send(sendEmail());
    return 'done';
  };

  it('throttles only the first AWS call of the first invocation of its state, with the shape of a real throttling error', async () => {
    injector.arm({ kind: 'throttle', stateName: 'SendAgendaCall' });
    await expect(injector.aroundInvoke(call('PlanTimeline'), () => sendAll(1))).resolves.toBe('done');
    const first = injector.aroundInvoke(call('SendAgendaCall'), () => sendAll(2));
    await expect(first).rejects.toMatchObject({
      name: 'ThrottlingException',
      $metadata: { httpStatusCode: 400 },
      $retryable: { throttling: true },
    });
    await expect(injector.aroundInvoke(call('SendAgendaCall'), () => sendAll(2))).resolves.toBe('done');
    // Outside any invocation (a link page, the admin CLI) nothing is injected.
    await ses.send(sendEmail());
    expect(reached).toHaveLength(1 + 2 + 1);
    expect(injector.hasFired()).toBe(true);
  });

  it('crashes an invocation after its side effects: the work is done, the invocation fails as a dead sandbox', async () => {
    injector.arm({ kind: 'crash-after', stateName: 'CirculatePapers' });
    await expect(injector.aroundInvoke(call('CirculatePapers'), () => sendAll(3))).rejects.toMatchObject({ name: 'Sandbox.Timedout' });
    expect(reached).toHaveLength(3);
    await expect(injector.aroundInvoke(call('CirculatePapers'), () => sendAll(3))).resolves.toBe('done');
  });

  it('kills an invocation halfway through its emails: it fails at once, and nothing it does later reaches AWS', async () => {
    injector.arm({ kind: 'crash-halfway', stateName: 'CirculatePapers', sendsBeforeCrash: 2 });
    let release: () => void = () => undefined;
    const stillRunning = new Promise<void>((resolve) => (release = resolve));
    const handler = async () => {
      await ses.send(sendEmail());
      await ses.send(sendEmail());
      // The third send dies; a handler that swallowed the error would go on, but its sandbox is gone.
      await ses.send(sendEmail()).catch(() => undefined);
      await stillRunning;
      await sfn.send(new SendTaskSuccessCommand({ taskToken: 't', output: '{}' }));
      return 'finished';
    };
    await expect(injector.aroundInvoke(call('CirculatePapers'), handler)).rejects.toMatchObject({ name: 'Sandbox.Timedout' });
    release();
    await new Promise((r) => setImmediate(r));
    expect(reached).toEqual(['SendEmailCommand', 'SendEmailCommand']);
  });

  it('does not count a crash halfway that never came: a fan-out too small to reach its half', async () => {
    injector.arm({ kind: 'crash-halfway', stateName: 'RequestPapers', sendsBeforeCrash: 2 });
    await expect(injector.aroundInvoke(call('RequestPapers'), () => sendAll(2))).resolves.toBe('done');
    expect(injector.hasFired()).toBe(false);
  });

  it('counts sends as they begin, so a fan-out sending at once still dies halfway', async () => {
    injector.arm({ kind: 'crash-halfway', stateName: 'RequestPapers', sendsBeforeCrash: 1 });
    const handler = () => Promise.all([ses.send(sendEmail()), ses.send(sendEmail())]);
    await expect(injector.aroundInvoke(call('RequestPapers'), handler)).rejects.toMatchObject({ name: 'Sandbox.Timedout' });
    // The send let through goes on to be serialised and answered after the invocation has died.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reached).toEqual(['SendEmailCommand']);
    expect(injector.hasFired()).toBe(true);
  });

  it('fails the first SendTaskSuccess made while its condition holds, once, as a link page would meet it', async () => {
    let waiting = false;
    injector.arm();
    injector.armFailedResume(() => waiting);
    const resume = () => sfn.send(new SendTaskSuccessCommand({ taskToken: 't', output: '{}' }));
    await resume();
    waiting = true;
    await expect(resume()).rejects.toMatchObject({ name: 'ThrottlingException' });
    await resume();
    expect(reached).toEqual(['SendTaskSuccessCommand', 'SendTaskSuccessCommand']);
  });

  it('records the emails of the first invocation of each state, for the baseline to find fan-outs', async () => {
    injector.arm();
    await injector.aroundInvoke(call('SendAgendaCall'), () => sendAll(3));
    await injector.aroundInvoke(call('SendAgendaCall'), () => sendAll(1));
    await injector.aroundInvoke(call('BuildDraftAgenda'), async () => 'none');
    expect(injector.firstInvocations()).toEqual([
      { stateName: 'SendAgendaCall', sesSends: 3 },
      { stateName: 'BuildDraftAgenda', sesSends: 0 },
    ]);
    expect(injector.hasFired()).toBe(false);
  });
});

describe("the runner's aroundInvoke hook", () => {
  it('wraps every invocation with its state and function, and what the wrapper throws is the state’s error', async () => {
    const arn = 'arn:aws:lambda:eu-west-2:000000000000:function:meeting-cycle-x';
    const definition = {
      StartAt: 'First',
      States: {
        First: { Type: 'Task', Resource: arn, Next: 'Second' },
        Second: { Type: 'Task', Resource: arn, Catch: [{ ErrorEquals: ['Sandbox.Timedout'], Next: 'Caught' }], End: true },
        Caught: { Type: 'Pass', Result: 'caught', End: true },
      },
    };
    const seen: string[] = [];
    const injector = new FaultInjector();
    injector.arm({ kind: 'crash-after', stateName: 'Second' });
    const sfn = new LocalStepFunctions({
      clock: new VirtualClock(new Date('2026-01-01T00:00:00Z')),
      loadHandler: (dir) => async () => (seen.push(dir), { ok: true }),
      definition: {
        definition,
        plans: new Map([
          ['First', { kind: 'task', functionDir: 'first-dir' }],
          ['Second', { kind: 'task', functionDir: 'second-dir' }],
        ]),
      },
      aroundInvoke: (c, run) => (seen.push(`${c.stateName}@${c.executionArn.split(':').pop()}`), injector.aroundInvoke(c, run)),
    });
    const execution = sfn.startExecution({}, 'hooked');
    await sfn.settle();
    expect(seen).toEqual(['First@hooked', 'first-dir', 'Second@hooked', 'second-dir']);
    expect(execution).toMatchObject({ status: 'SUCCEEDED', output: 'caught' });
    sfn.stop();
  });
});

describe('taskStates', () => {
  it('reads every Task state of the ASL, inside Parallel branches and Map processors too', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'asl-')), 'm.asl.json');
    const task = (next?: string) => ({ Type: 'Task', Resource: 'arn:x', ...(next ? { Next: next } : { End: true }) });
    fs.writeFileSync(
      file,
      JSON.stringify({
        StartAt: 'A',
        States: {
          A: task('P'),
          P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: task() } }], Next: 'M' },
          M: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'C', States: { C: { ...task(), Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken' } } },
            End: true,
          },
        },
      }),
    );
    expect(taskStates(file)).toEqual([
      { name: 'A', callback: false },
      { name: 'B', callback: false },
      { name: 'C', callback: true },
    ]);
  });

  it("finds the cycle's Task states, the failure path and the callbacks included", () => {
    const tasks = taskStates();
    expect(tasks.map((t) => t.name)).toEqual(expect.arrayContaining(['PlanTimeline', 'ReplanTimeline', 'CirculatePapers', 'RecordFailure', 'CloseCycle']));
    expect(tasks.filter((t) => t.callback).map((t) => t.name)).toEqual([
      'WaitForAgendaConfirmation',
      'WaitForMinutesDraft',
      'WaitForChairApproval',
      'WaitForNextFollowUpDay',
    ]);
  });
});
