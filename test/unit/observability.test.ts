import fs from 'node:fs';
import path from 'node:path';
import type { APIGatewayProxyEventV2, Context, SESEvent } from 'aws-lambda';
import { makeChaseCallback } from '../../functions/chase-callback/chase-callback';
import { makeRecordFailure } from '../../functions/record-failure/record-failure';
import { makePlanTimeline } from '../../functions/plan-timeline/plan-timeline';
import { RetryableError } from '../../functions/shared/domain/errors';
import { newLinkToken } from '../../functions/shared/domain/links';
import { cycleRef } from '../../functions/shared/domain/validate';
import type { CoreDeps } from '../../functions/shared/ports';
import { makeIssueLink, makeIssueReplyAddress } from '../../functions/shared/services/issue-link';
import type * as ConsoleModule from '../../functions/console/handler';
import type * as HttpModule from '../../functions/http/handler';
import type * as InboundModule from '../../functions/inbound-mail/handler';
import type * as ObservabilityModule from '../../functions/shared/runtime/observability';
import type * as TaskModule from '../../functions/shared/runtime/task';
import { CONSOLE_OPTIONS } from '../support/console';
import { NOW, scenario, people } from './cores/scenario';

// Loaded in beforeAll, once the level is raised: Powertools reads the environment when the stack is built.
let task: typeof TaskModule;
let observability: typeof ObservabilityModule;
let http: typeof HttpModule;
let consoleHandler: typeof ConsoleModule;
let inbound: typeof InboundModule;
const level = process.env.POWERTOOLS_LOG_LEVEL;
beforeAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded once the level is raised */
  observability = require('../../functions/shared/runtime/observability') as typeof observability;
  task = require('../../functions/shared/runtime/task') as typeof task;
  http = require('../../functions/http/handler') as typeof http;
  consoleHandler = require('../../functions/console/handler') as typeof consoleHandler;
  inbound = require('../../functions/inbound-mail/handler') as typeof inbound;
  /* eslint-enable @typescript-eslint/no-require-imports */
});
afterAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = level;
});

/** Everything the logger writes while `work` runs (Powertools writes to stdout and stderr itself). */
async function captured(work: () => Promise<unknown>): Promise<{ text: string; lines: Record<string, unknown>[] }> {
  const chunks: string[] = [];
  const grab = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(grab);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(grab);
  try {
    await work().catch(() => undefined);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const text = chunks.join('');
  const lines = text
    .split('\n')
    .filter((l) => l.trim().startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { text, lines };
}

const context = (awsRequestId: string): Context =>
  ({
    awsRequestId,
    functionName: 'meeting-cycle-test',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-2:1:function:t',
    getRemainingTimeInMillis: () => 60_000,
  }) as Context;

function apiEvent(method: string, rawPath: string, extra: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { requestId: 'api-req-1', http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'jest' } },
    ...extra,
  } as APIGatewayProxyEventV2;
}

describe('the task logs', () => {
  it('carry the board, cycle, state and request id on every line, and name the error a task fails with', async () => {
    const { d, ref } = await scenario();
    const handler = task.taskHandler(
      cycleRef,
      async () => {
        observability.log().info('Working');
        throw new RetryableError('The provider is busy.');
      },
      () => d,
    );
    const { lines } = await captured(() => handler({ ...ref, state: 'SendAgendaCall', execution: 'exec-1' }, context('lambda-req-7')));
    const working = lines.find((l) => l.message === 'Working');
    expect(working).toMatchObject({ boardId: ref.boardId, cycleId: ref.cycleId, state: 'SendAgendaCall', function_request_id: 'lambda-req-7' });
    expect(working?.service).toBe('meeting-cycle');
    const failed = lines.find((l) => l.message === 'Task failed');
    expect(failed).toMatchObject({ level: 'ERROR', cycleId: ref.cycleId, state: 'SendAgendaCall', error: { name: 'RetryableError' } });
  });

  it('do not carry one invocation’s keys into the next', async () => {
    const { d, ref } = await scenario();
    const handler = task.taskHandler(
      cycleRef,
      async () => observability.log().info('Working'),
      () => d,
    );
    await captured(() => handler({ ...ref, state: 'SendAgendaCall' }, context('a')));
    const { lines } = await captured(() => handler({ ...ref }, context('b')));
    const working = lines.find((l) => l.message === 'Working');
    expect(working).toMatchObject({ function_request_id: 'b', cycleId: ref.cycleId });
    expect(working).not.toHaveProperty('state');
  });
});

describe('the link pages log', () => {
  it('the request id and the route, never the token, even when the page fails', async () => {
    const { d, ref } = await scenario();
    const url = await makeIssueLink(d)({ purpose: 'confirm-agenda', ...ref, memberId: people.secretariat.memberId, expiresAt: new Date('2027-02-01') });
    const token = url.split('/l/')[1]!;
    // A failure whose message quotes the token, as a careless library might.
    d.cycles.getCycle = () => Promise.reject(new Error(`lookup failed for /l/${token}`));
    let status = 0;
    const { text, lines } = await captured(async () => {
      status = (await http.makeHttpHandler(() => d)(apiEvent('GET', `/l/${token}`), context('lambda-req-8')))?.statusCode ?? 0;
    });
    expect(status).toBe(500);
    const failure = lines.find((l) => l.message === 'Unhandled error in a link page');
    expect(failure).toMatchObject({ requestId: 'api-req-1', route: 'GET /l/…', purpose: 'confirm-agenda', function_request_id: 'lambda-req-8' });
    expect(failure?.error).toMatchObject({ message: 'lookup failed for /l/…' });
    expect(text).not.toContain(token);
  });

  it('count every link request, and a refused link as a refusal, logged by hash prefix', async () => {
    const { d } = await scenario();
    const token = newLinkToken();
    const { text, lines } = await captured(() => http.makeHttpHandler(() => d)(apiEvent('GET', `/l/${token}`), context('r')));
    expect(d.telemetry.total('LinkRequests')).toBe(1);
    expect(d.telemetry.total('LinkRefusals')).toBe(1);
    expect(lines.find((l) => l.message === 'Link refused')).toMatchObject({ status: 404 });
    expect(text).not.toContain(token);
  });
});

describe('the console logs', () => {
  it('the route, never the session cookie or a sign-in token', async () => {
    const { d } = await scenario();
    const session = newLinkToken();
    const signInToken = newLinkToken();
    d.sessions.getSession = () => Promise.reject(new Error(`no session ${session}`));
    const event = apiEvent('GET', `/console/sign-in/${signInToken}`, { cookies: [`__Host-mc-session=${session}`, 'theme=dark-and-long'] });
    const { text, lines } = await captured(() =>
      consoleHandler.makeConsoleHandler(
        () => CONSOLE_OPTIONS,
        () => d,
      )(event, context('c')),
    );
    expect(lines.find((l) => l.message === 'Unhandled error in the console')).toMatchObject({ route: 'GET /console/sign-in/…', requestId: 'api-req-1' });
    expect(text).not.toContain(session);
    expect(text).not.toContain(signInToken);
  });

  it('counts a refused session', async () => {
    const { d } = await scenario();
    const event = apiEvent('GET', '/console', { cookies: [`__Host-mc-session=${newLinkToken()}`] });
    await captured(() =>
      consoleHandler.makeConsoleHandler(
        () => CONSOLE_OPTIONS,
        () => d,
      )(event, context('c')),
    );
    expect(d.telemetry.total('ConsoleRefusals')).toBe(1);
  });
});

describe('inbound mail', () => {
  it('logs a failure by message id, never with the body', async () => {
    const { d, ref } = await scenario();
    const address = await makeIssueReplyAddress(d)({ purpose: 'reply-minutes', ...ref, memberId: people.chair.memberId, expiresAt: new Date('2027-04-01') });
    const body = 'Approved, but please strike the remark about the treasurer.';
    const raw = `From: Cara Chair <cara@example.org>\r\nTo: ${address}\r\nSubject: Re: minutes\r\nMessage-ID: <m1@example.org>\r\n\r\n${body}\r\n`;
    await d.documents.putBytes('inbound/m1', Buffer.from(raw), 'message/rfc822');
    d.cycles.getCycle = () => Promise.reject(new Error('DynamoDB is unavailable'));
    const event = {
      Records: [
        {
          eventSource: 'aws:ses',
          ses: {
            mail: { messageId: 'm1', source: 'cara@example.org', commonHeaders: { subject: 'Re: minutes' } },
            receipt: {
              recipients: [address!],
              spfVerdict: { status: 'PASS' },
              dkimVerdict: { status: 'PASS' },
              dmarcVerdict: { status: 'PASS' },
              spamVerdict: { status: 'PASS' },
              virusVerdict: { status: 'PASS' },
              action: { type: 'Lambda' },
            },
          },
        },
      ],
    } as unknown as SESEvent;
    const { text, lines } = await captured(() => inbound.makeInboundMailHandler(() => d as CoreDeps)(event, context('i')));
    expect(lines.find((l) => l.message === 'Inbound mail failed')).toMatchObject({ messageId: 'm1', error: { message: 'DynamoDB is unavailable' } });
    expect(text).not.toContain('strike the remark');
  });
});

describe('the counts operators watch', () => {
  it('count an email the provider accepted, by kind, and not its retry', async () => {
    const { d } = await scenario();
    const message = { to: [{ name: 'Ann', email: 'ann@example.org' }], kind: 'agenda-call' as const, subject: 'S', text: 'T', html: '<p>T</p>' };
    await d.sendOnce('k1', message);
    await d.sendOnce('k1', message);
    expect(d.telemetry.total('EmailsSent', { kind: 'agenda-call' })).toBe(1);
  });

  it('count a cycle started once, when its execution first plans it', async () => {
    const { d, ref } = await scenario({ cycle: { status: 'scheduled' } });
    await makePlanTimeline(d)(ref);
    await makePlanTimeline(d)(ref);
    expect(d.telemetry.total('CyclesStarted')).toBe(1);
  });

  it('count a cycle failed once, however often its failure is reported, and a chase that reminded someone', async () => {
    const { d, ref } = await scenario();
    await makeRecordFailure(d)({ ...ref, error: { Error: 'RetryableError' } });
    await makeRecordFailure(d)({ ...ref, error: { Error: 'RetryableError' } });
    expect(d.telemetry.total('CyclesFailed')).toBe(1);
    await d.waits.putWait(ref.cycleId, 'agenda-confirmation', 'token-1', NOW);
    await makeChaseCallback(d)({ ...ref, kind: 'agenda-confirmation' });
    await makeChaseCallback(d)({ ...ref, kind: 'agenda-confirmation' });
    expect(d.telemetry.total('CallbackChases')).toBe(1);
  });
});

describe('functions/', () => {
  it('write nothing with console.*: every handler logs through the Powertools logger', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts')) {
          fs.readFileSync(full, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              if (/\bconsole\.(log|error|warn|info|debug|trace|dir)\s*\(/.test(line)) offenders.push(`${path.relative(process.cwd(), full)}:${i + 1}`);
            });
        }
      }
    };
    walk(path.join(__dirname, '..', '..', 'functions'));
    expect(offenders).toEqual([]);
  });
});
