import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { addUsage, emptyUsage, gbSeconds, type Usage } from '../../functions/shared/domain/cost';

/** The request header that tells the local emulators whose call a request is. */
export const METER_HEADER = 'x-local-meter';

/**
 * Whose usage a count is: the cycle (execution name) and the source: a function's directory (the task or
 * the `http` function that made the call), `people` (a browser's presigned upload or download) or
 * `harness` (the test harness's own reads, which AWS would never see).
 */
export interface MeterTag {
  cycle: string;
  source: string;
  /** The ASL state a task ran for. */
  state?: string;
}

/** One line of the meter: what one source used for one cycle. */
export interface MeterLine {
  tag: MeterTag;
  usage: Usage;
}

const running = new AsyncLocalStorage<MeterTag>();
let tagging = false;

/**
 * Every HTTP request a handler makes (through the SDK's node:http handler) carries the tag of the
 * invocation it is made in, so the DynamoDB proxy, s3rver and the mail capture can say whose it is.
 * Set when the request is created, before its headers are written; requests outside an invocation
 * (the harness, the CLI) go untagged.
 */
function installTagging(): void {
  if (tagging) return;
  tagging = true;
  diagnostics.subscribe('http.client.request.created', (message) => {
    const tag = running.getStore();
    const { request } = message as { request: ClientRequest };
    if (tag && !request.headersSent) request.setHeader(METER_HEADER, encodeURIComponent(JSON.stringify(tag)));
  });
}

/**
 * Counts what the local cloud does as AWS would bill it, per cycle and source: Lambda invocations and
 * their wall time (measured on this machine, which is no Lambda: a figure to compare runs by, not a
 * forecast to the millisecond), DynamoDB capacity, S3 requests and bytes, SES emails, HTTP API requests.
 * State transitions are read from each execution's history when asked ({@link ./cycle-usage.ts}).
 */
export class LocalMeter {
  private readonly lines = new Map<string, MeterLine>();
  /** DynamoDB write units estimated for failed conditional writes, which DynamoDB Local reports none for. */
  estimatedWriteUnits = 0;

  /** `latestCycle` names the cycle a request with no tag of its own counts towards: the one most recently started. */
  constructor(private readonly latestCycle: () => string) {
    installTagging();
  }

  /** Runs `fn` as `tag`: whatever it calls is counted as `tag`'s. */
  run<T>(tag: MeterTag, fn: () => Promise<T>): Promise<T> {
    return running.run(tag, fn);
  }

  /** Runs one Lambda invocation as `tag` and counts it with its duration at `memoryMb`. */
  async invoke<T>(tag: MeterTag, memoryMb: number, fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await this.run(tag, fn);
    } finally {
      this.add(tag, { lambdaRequests: 1, lambdaGbSeconds: gbSeconds(performance.now() - started, memoryMb) });
    }
  }

  /** The tag a request arrived with, or `otherwise` (for the cycle most recently started) when it has none. */
  tagOf(header: string | string[] | undefined, otherwise: 'people' | 'harness'): MeterTag {
    const value = Array.isArray(header) ? header[0] : header;
    if (value) {
      try {
        return JSON.parse(decodeURIComponent(value)) as MeterTag;
      } catch {
        // A header we did not write: count it as the caller's below.
      }
    }
    return { cycle: otherwise === 'harness' ? '' : this.latestCycle(), source: otherwise };
  }

  /** A cycle's current tag for a request that arrived at the local server: links belong to the newest cycle. */
  httpTag(): MeterTag {
    return { cycle: this.latestCycle(), source: 'http' };
  }

  add(tag: MeterTag, usage: Partial<Usage>): void {
    const key = `${tag.cycle}\t${tag.source}\t${tag.state ?? ''}`;
    const line = this.lines.get(key) ?? { tag, usage: emptyUsage() };
    line.usage = addUsage(line.usage, usage);
    this.lines.set(key, line);
  }

  /** Every line counted so far for `cycle` (all cycles when omitted), the harness's excluded. */
  linesFor(cycle?: string): MeterLine[] {
    return [...this.lines.values()].filter((l) => l.tag.source !== 'harness' && (cycle === undefined || l.tag.cycle === cycle));
  }

  /** What the harness itself read and wrote: not the product's cost, shown so nobody mistakes it for it. */
  harness(): Usage {
    return addUsage(...[...this.lines.values()].filter((l) => l.tag.source === 'harness').map((l) => l.usage));
  }
}
