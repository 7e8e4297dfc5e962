import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeUnits } from '../../functions/shared/domain/cost';
import { LOOPBACK } from '../emulators/local-aws';
import { METER_HEADER, type LocalMeter } from './local-meter';

type Json = Record<string, unknown>;

const READS: ReadonlySet<string> = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const WRITES: ReadonlySet<string> = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

const readBody = (stream: NodeJS.ReadableStream): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });

/** Capacity units in a response's ConsumedCapacity: one object, or one per table for batches and transactions. */
function unitsOf(consumed: unknown): number {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce<number>((n, c) => n + Number((c as { CapacityUnits?: number }).CapacityUnits ?? 0), 0);
}

/**
 * Write units a failed write still costs, which DynamoDB Local leaves out of its error: a failed condition
 * bills as a write of the item (1 KB assumed), a cancelled transaction each of its writes, doubled.
 */
function failedWriteUnits(op: string, request: Json, errorType: string): number {
  if (errorType.endsWith('ConditionalCheckFailedException')) return writeUnits(1024);
  if (errorType.endsWith('TransactionCanceledException') && op === 'TransactWriteItems') {
    return ((request.TransactItems as unknown[] | undefined) ?? []).length * writeUnits(1024, { transactional: true });
  }
  return 0;
}

/**
 * A proxy in front of DynamoDB Local that meters every request as on-demand bills it. It asks for
 * `ReturnConsumedCapacity: TOTAL` (DynamoDB Local computes it from item sizes, indexes and transactions as
 * DynamoDB does) and hands the caller the answer it asked for: without ConsumedCapacity unless it asked.
 * Nothing of the app's adapters changes; only AWS_ENDPOINT_URL_DYNAMODB points here.
 */
export async function startDynamoMeter(upstream: string, meter: LocalMeter): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const metered = READS.has(op) || WRITES.has(op);
      let request: Json = {};
      let asked = true;
      let forward = body;
      if (metered) {
        request = JSON.parse(body.toString('utf8') || '{}') as Json;
        asked = request.ReturnConsumedCapacity !== undefined && request.ReturnConsumedCapacity !== 'NONE';
        if (!asked) forward = Buffer.from(JSON.stringify({ ...request, ReturnConsumedCapacity: 'TOTAL' }));
      }
      const headers: http.OutgoingHttpHeaders = { ...req.headers, host: target.host, 'content-length': forward.length };
      delete headers[METER_HEADER];
      const upstreamRes = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const out = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent }, resolve);
        out.on('error', reject);
        out.end(forward);
      });
      let answer = await readBody(upstreamRes);
      const resHeaders = { ...upstreamRes.headers };
      if (metered) {
        const tag = meter.tagOf(req.headers[METER_HEADER], 'harness');
        const parsed = JSON.parse(answer.toString('utf8') || '{}') as Json;
        const kind = READS.has(op) ? 'ddbReadUnits' : 'ddbWriteUnits';
        if ((upstreamRes.statusCode ?? 500) < 300) {
          meter.add(tag, { [kind]: unitsOf(parsed.ConsumedCapacity) });
          if (!asked) {
            delete parsed.ConsumedCapacity;
            answer = Buffer.from(JSON.stringify(parsed));
            // The checksum was of DynamoDB Local's body, not the one the caller gets.
            delete resHeaders['x-amz-crc32'];
          }
        } else if (kind === 'ddbWriteUnits') {
          const units = failedWriteUnits(op, request, String(parsed.__type ?? ''));
          meter.add(tag, { ddbWriteUnits: units });
          if (tag.source !== 'harness') meter.estimatedWriteUnits += units;
        }
      }
      resHeaders['content-length'] = String(answer.length);
      res.writeHead(upstreamRes.statusCode ?? 500, resHeaders).end(answer);
    })().catch((err: Error) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: `Local DynamoDB meter: ${err.message}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return {
    endpoint: `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
