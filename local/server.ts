import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { makeConsoleHandler as MakeConsoleHandler } from '../functions/console/handler';
import type { MailCapture } from './mail/mail-capture';
import { meteredCycle, memoryOfFunction } from './metering/cycle-usage';
import type { LocalMeter } from './metering/local-meter';
import { handleMailbox } from './mail/mailbox';
import { LOCAL_ADMIN_EMAIL, localConsoleExtras } from './console/extras';
import { localConsoleRoutes } from './console/sign-in-as';
import { handleSfnApi } from './runtime/sfn-api';
import type { LocalStepFunctions } from './runtime/local-step-functions';
import type { VirtualClock } from './runtime/virtual-clock';

export interface LocalServerOptions {
  port: number;
  sfn: LocalStepFunctions;
  clock: VirtualClock;
  mail: MailCapture;
  /** Counts each request to the link pages and the console as an HTTP API request and a Lambda invocation. */
  meter?: LocalMeter;
}

/** Builds the API Gateway (HTTP API, v2) event that the deployed Http function receives. */
export function toApiGatewayEvent(req: http.IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (query[k] = v));
  const method = (req.method ?? 'GET').toUpperCase();
  return {
    version: '2.0',
    routeKey: `${method} ${url.pathname}`,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    // API Gateway (payload v2) hands the Cookie header over as `cookies`, one entry a cookie.
    ...(headers.cookie
      ? {
          cookies: headers.cookie
            .split(';')
            .map((c) => c.trim())
            .filter(Boolean),
        }
      : {}),
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: `${Date.now()}`,
      routeKey: `${method} ${url.pathname}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(body.length ? { body: body.toString('base64'), isBase64Encoded: true } : { isBase64Encoded: false }),
  };
}

type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: unknown,
) => Promise<{ statusCode?: number; headers?: Record<string, unknown>; body?: string; isBase64Encoded?: boolean; cookies?: string[] }>;

/** Answers as API Gateway does with a handler's result: `cookies` become Set-Cookie headers, a base64 body bytes. */
async function answer(handler: HttpHandler, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
  const out = await handler(toApiGatewayEvent(req, body), { getRemainingTimeInMillis: () => 29_000 });
  const headers = { ...(out.headers ?? {}), ...(out.cookies?.length ? { 'set-cookie': out.cookies } : {}) } as http.OutgoingHttpHeaders;
  res.writeHead(out.statusCode ?? 200, headers);
  // API Gateway decodes a base64 body (a .docx download) before it answers; so does this.
  res.end(out.isBase64Encoded ? Buffer.from(out.body ?? '', 'base64') : (out.body ?? ''));
}

/**
 * One local HTTP server: the link pages through the real Http handler (as API Gateway would call it),
 * the Step Functions API (requests carrying X-Amz-Target), and the console and mailbox.
 */
export async function startLocalServer(opts: LocalServerOptions): Promise<{ url: string; stop(): Promise<void> }> {
  let url = '';
  let console_: HttpHandler | undefined;
  // The deployed console's handler with the local extras (clock, mailbox, "sign in as"); loaded after env is set.
  const consoleHandler = (): HttpHandler => {
    if (console_) return console_;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deployed handler, loaded after env is set
    const { makeConsoleHandler } = require('../functions/console/handler') as { makeConsoleHandler: typeof MakeConsoleHandler };
    const local = localConsoleExtras(opts, localConsoleRoutes());
    console_ = makeConsoleHandler(() => ({ adminEmails: [LOCAL_ADMIN_EMAIL], secureCookies: url.startsWith('https://'), local })) as unknown as HttpHandler;
    return console_;
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        try {
          if (String(req.headers['x-amz-target'] ?? '').startsWith('AWSStepFunctions.')) {
            const replay = Object.assign(Object.create(req) as http.IncomingMessage, {
              [Symbol.asyncIterator]: async function* () {
                yield body;
              },
            });
            await handleSfnApi(opts.sfn, replay, res);
            return;
          }
          const requestUrl = new URL(req.url ?? '/', 'http://local');
          const path = requestUrl.pathname;
          // As API Gateway bills it: a request, and the invocation of the function behind the route.
          const asApiGateway = async (dir: string, handler: () => HttpHandler): Promise<void> => {
            if (!opts.meter) return answer(handler(), req, body, res);
            const tag = { ...opts.meter.httpTag(), source: dir };
            opts.meter.add(tag, { httpRequests: 1 });
            await opts.meter.invoke(tag, memoryOfFunction(dir), () => answer(handler(), req, body, res));
          };
          if (path.startsWith('/l/') || path.startsWith('/public/') || path === '/health') {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deployed handler, loaded after env is set
            await asApiGateway('http', () => (require('../functions/http/handler') as { handler: HttpHandler }).handler);
            return;
          }
          if (path === '/' || path === '/console' || path.startsWith('/console/')) {
            await asApiGateway('console', consoleHandler);
            return;
          }
          if (path === '/api/cost' && opts.meter) {
            // `cycle cost` on the local cloud: what the meter counted, not an estimate from records.
            const cost = meteredCycle(opts.sfn, opts.meter, requestUrl.searchParams.get('cycle') ?? '');
            res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(cost));
            return;
          }
          await handleMailbox({ ...opts, appUrl: url }, req, body, res);
        } catch (err) {
          console.error(err);
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`Local server error: ${(err as Error).message}`);
        }
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
