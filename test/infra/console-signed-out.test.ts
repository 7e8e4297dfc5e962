import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CONSOLE_ROUTES } from '../../functions/console/routes';
import { CONSOLE_FUNCTION } from '../../infra/constructs/console';
import { bundleFunction } from './bundle';

jest.setTimeout(120_000);
const run = promisify(execFile);
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-console-'));

/** Stands in for every AWS endpoint: it counts whoever connects and answers nothing. */
let aws: net.Server;
let connections = 0;
let outfile: string;
beforeAll(async () => {
  outfile = bundleFunction(CONSOLE_FUNCTION, OUT);
  aws = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => aws.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => aws.close(resolve));
  fs.rmSync(OUT, { recursive: true, force: true });
});

/** A path of the route table with each `:param` filled in, as a browser would send it. */
const SAMPLE: Record<string, string> = { board: 'finance-committee', cycle: 'finance-committee-2027-01-20', token: 'a'.repeat(43) };
const concrete = (pattern: string): string => pattern.replace(/:([a-z]+)/gi, (_m, name: string) => SAMPLE[name] ?? `some-${name}`);

/** An API Gateway (HTTP API, payload v2) event from a browser without any cookie. */
function signedOutEvent(method: string, rawPath: string): APIGatewayProxyEventV2 {
  const body = method === 'POST' ? 'csrf=guessed&name=Anything' : undefined;
  return {
    version: '2.0',
    routeKey: `ANY ${rawPath}`,
    rawPath,
    rawQueryString: '',
    headers: { host: 'board.example.org', 'user-agent': 'test', ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'board.example.org',
      domainPrefix: 'board',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
      requestId: 'r',
      routeKey: `ANY ${rawPath}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body ? { body, isBase64Encoded: false } : { isBase64Encoded: false }),
  };
}

interface Answer {
  statusCode: number;
  headers?: Record<string, string>;
}

/**
 * Loads the bundle as Lambda does, in a process of its own whose every AWS endpoint is the counting
 * server above, and hands it each event in turn.
 */
async function invokeBundle(events: APIGatewayProxyEventV2[]): Promise<{ answers: Answer[]; awsCalls: number }> {
  const before = connections;
  const endpoint = `http://127.0.0.1:${(aws.address() as net.AddressInfo).port}`;
  const script = `
    const { handler } = await import(${JSON.stringify(outfile)});
    const events = JSON.parse(process.env.EVENTS);
    const out = [];
    for (const event of events) {
      const res = await handler(event, { getRemainingTimeInMillis: () => 29000, awsRequestId: 'r' });
      out.push({ statusCode: res.statusCode, headers: res.headers });
    }
    process.stdout.write(JSON.stringify(out));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: OUT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: OUT,
      EVENTS: JSON.stringify(events),
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'none',
      AWS_SECRET_ACCESS_KEY: 'none',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
      // What the stack sets (console.test.ts), with made-up values: nothing may be missing for want of a setting.
      TABLE_NAME: 'table',
      DOCUMENTS_BUCKET: 'documents',
      STATE_MACHINE_ARN: 'arn:aws:states:eu-west-2:123456789012:stateMachine:cycle',
      SCHEDULE_GROUP_NAME: 'starts',
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/starts',
      APP_URL: 'https://board.example.org',
      SENDER_EMAIL: 'secretariat@example.org',
      SES_CONFIGURATION_SET: 'meeting-cycle',
      CONSOLE_ADMIN_EMAILS: 'clerk@example.org',
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return { answers: JSON.parse(stdout) as Answer[], awsCalls: connections - before };
}

describe('the deployed console without a session', () => {
  const guarded = CONSOLE_ROUTES.filter((route) => route.access !== 'public');

  it('has routes to guard', () => {
    expect(CONSOLE_ROUTES.length).toBeGreaterThan(0);
    expect(guarded.length).toBeGreaterThan(0);
  });

  it('sends every page to sign in, refuses every form, and calls no AWS service to do so', async () => {
    const requests = guarded.map((route) => ({ route: `${route.method} ${route.path}`, method: route.method, path: concrete(route.path) }));
    const { answers, awsCalls } = await invokeBundle(requests.map((r) => signedOutEvent(r.method, r.path)));
    const seen = requests.map((r, i) => ({ route: r.route, status: answers[i]?.statusCode, location: answers[i]?.headers?.location }));
    const expected = requests.map((r) =>
      r.method === 'GET'
        ? { route: r.route, status: 302, location: expect.stringMatching(/^\/console\/sign-in(\?|$)/) as unknown }
        : { route: r.route, status: 401, location: undefined },
    );
    expect(seen).toEqual(expected);
    expect(awsCalls).toBe(0);
  });

  it('redirects / to the console', async () => {
    const { answers, awsCalls } = await invokeBundle([signedOutEvent('GET', '/')]);
    expect(answers).toEqual([expect.objectContaining({ statusCode: 302, headers: expect.objectContaining({ location: '/console' }) })]);
    expect(awsCalls).toBe(0);
  });
});
