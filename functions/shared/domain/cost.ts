import { PRICES, type Meter } from './cost-prices';

export { PRICES, type Meter, type Price } from './cost-prices';

/** How much of each meter something used: a cycle, a function, a state. */
export type Usage = Record<Meter, number>;

const METERS = Object.keys(PRICES.meters) as Meter[];

/** A usage of nothing, to add to. */
export function emptyUsage(): Usage {
  return Object.fromEntries(METERS.map((m) => [m, 0])) as Usage;
}

/** The sum of usages, meter by meter. */
export function addUsage(...usages: readonly Partial<Usage>[]): Usage {
  const sum = emptyUsage();
  for (const usage of usages) for (const m of METERS) sum[m] += usage[m] ?? 0;
  return sum;
}

/** One event of an execution's history: AWS's GetExecutionHistory types or the local runner's. */
export interface HistoryEvent {
  type: string;
  /** The state it belongs to, where the history names it. */
  state?: string;
}

/** Events that start one run of a task: a second one within the same state entry is a retry. */
const TASK_RUN_STARTS: ReadonlySet<string> = new Set(['LambdaFunctionScheduled', 'TaskScheduled', 'ActivityScheduled']);

/**
 * State transitions as Standard workflows bill them ("each time a step of your workflow is executed …
 * including retries", https://aws.amazon.com/step-functions/pricing/), per state. Counted:
 * - every `…StateEntered` event (AWS: TaskStateEntered, WaitStateEntered, ChoiceStateEntered,
 *   PassStateEntered, SucceedStateEntered, FailStateEntered, MapStateEntered, ParallelStateEntered;
 *   the local runner: StateEntered), states inside an inline Map's iterations included;
 * - every retry: the local runner's `StateRetried`, or in AWS's history a further LambdaFunctionScheduled /
 *   TaskScheduled / ActivityScheduled after the first in the same state entry.
 * Not counted: ExecutionStarted/Succeeded/Failed, `…StateExited`, and the task's own Lambda events.
 */
export function transitionsByState(events: readonly HistoryEvent[]): Map<string, number> {
  const byState = new Map<string, number>();
  const add = (state: string | undefined) => byState.set(state ?? '', (byState.get(state ?? '') ?? 0) + 1);
  let current: string | undefined;
  let runsInEntry = 0;
  for (const event of events) {
    if (event.type.endsWith('StateEntered')) {
      current = event.state;
      runsInEntry = 0;
      add(current);
    } else if (event.type === 'StateRetried') {
      add(event.state ?? current);
    } else if (TASK_RUN_STARTS.has(event.type)) {
      if (runsInEntry > 0) add(current);
      runsInEntry++;
    }
  }
  return byState;
}

/** The execution's billed state transitions: {@link transitionsByState}, summed. */
export function transitionsOf(events: readonly HistoryEvent[]): number {
  let total = 0;
  for (const n of transitionsByState(events).values()) total += n;
  return total;
}

/** Memory a function gets when its catalog entry names none: the stack's default. */
export const DEFAULT_MEMORY_MB = 512;

/**
 * A function's configured memory in MB, from its catalog entry (`memoryMB`, where the catalog sets one),
 * else {@link DEFAULT_MEMORY_MB}.
 */
export function memoryOf(spec: object): number {
  return 'memoryMB' in spec && typeof spec.memoryMB === 'number' ? spec.memoryMB : DEFAULT_MEMORY_MB;
}

/** Lambda's duration charge for one invocation: milliseconds rounded up, times memory in GB. */
export function gbSeconds(durationMs: number, memoryMb: number): number {
  return (Math.ceil(durationMs) / 1000) * (memoryMb / 1024);
}

/** On-demand write request units for writing an item of `bytes`: one per KB begun, doubled in a transaction. */
export function writeUnits(bytes: number, opts: { transactional?: boolean } = {}): number {
  return Math.max(1, Math.ceil(bytes / 1024)) * (opts.transactional ? 2 : 1);
}

/**
 * On-demand read request units for reading `bytes` (one item, or a query's items together): one per 4 KB
 * begun when strongly consistent, half that when eventually consistent, double in a transaction.
 */
export function readUnits(bytes: number, opts: { consistent?: boolean; transactional?: boolean } = {}): number {
  const blocks = Math.max(1, Math.ceil(bytes / 4096));
  if (opts.transactional) return blocks * 2;
  return opts.consistent ? blocks : blocks / 2;
}

const encoder = new TextEncoder();
const utf8Bytes = (s: string): number => encoder.encode(s).length;

/**
 * An item's size as DynamoDB bills it, near enough for an estimate: attribute names and string values in
 * UTF-8 bytes, numbers about one byte per two digits, lists and maps 3 bytes plus one per element.
 */
export function itemSize(item: Record<string, unknown>): number {
  const valueSize = (v: unknown): number => {
    if (typeof v === 'string') return utf8Bytes(v);
    if (typeof v === 'number') return Math.ceil(String(Math.abs(v)).replace(/[.-]/g, '').length / 2) + 1;
    if (typeof v === 'boolean' || v === null || v === undefined) return 1;
    if (Array.isArray(v)) return 3 + v.reduce<number>((n, e) => n + 1 + valueSize(e), 0);
    if (v instanceof Uint8Array) return v.byteLength;
    if (typeof v === 'object') return 3 + itemSize(v as Record<string, unknown>) + Object.keys(v).length;
    return 1;
  };
  return Object.entries(item).reduce((n, [k, v]) => n + utf8Bytes(k) + valueSize(v), 0);
}

/** Which of S3's request prices a request pays: PUT/COPY/POST/LIST, GET and the rest, or none (DELETE). */
export function s3RequestClass(method: string, objectKey: string): 'write' | 'read' | 'free' {
  const m = method.toUpperCase();
  if (m === 'DELETE') return 'free';
  if (m === 'PUT' || m === 'POST') return 'write';
  // A GET on the bucket itself is a LIST.
  if (m === 'GET' && objectKey === '') return 'write';
  return 'read';
}

/** What a usage costs at {@link PRICES}, meter by meter and in all, in US dollars. */
export function costOf(usage: Partial<Usage>): { byMeter: Record<Meter, number>; total: number } {
  const byMeter = {} as Record<Meter, number>;
  let total = 0;
  for (const m of METERS) {
    const price = PRICES.meters[m];
    byMeter[m] = ((usage[m] ?? 0) / price.per) * price.usd;
    total += byMeter[m];
  }
  return { byMeter, total };
}

/** Dollars to four decimal places, or to two significant figures below a hundredth of a cent. */
export function formatUsd(usd: number): string {
  return usd === 0 || usd >= 0.0001 ? `$${usd.toFixed(4)}` : `$${usd.toPrecision(2)}`;
}

const round = (n: number, places: number): string => String(Number(n.toFixed(places)));

/** The one-line summary the bench prints last and the README quotes. */
export function costLine(members: number, usage: Usage): string {
  return [
    `cost: members=${members}`,
    `transitions=${usage.transitions}`,
    `invocations=${usage.lambdaRequests}`,
    `gb-s=${round(usage.lambdaGbSeconds, 1)}`,
    `emails=${usage.emails}`,
    `ddb-wru=${round(usage.ddbWriteUnits, 1)}`,
    `ddb-rru=${round(usage.ddbReadUnits, 1)}`,
    `s3-requests=${usage.s3WriteRequests + usage.s3ReadRequests}`,
    `total=$${costOf(usage).total.toFixed(4)}`,
  ].join(' ');
}

/**
 * The table of where the money goes: one row per meter with its count, price and cost, largest cost
 * first, then the total. `estimated` marks meters whose count is an estimate.
 */
export function costTable(usage: Usage, estimated: ReadonlySet<Meter> = new Set()): string[] {
  const { byMeter, total } = costOf(usage);
  const rows = METERS.filter((m) => usage[m] > 0)
    .sort((a, b) => byMeter[b] - byMeter[a])
    .map((m) => {
      const p = PRICES.meters[m];
      const count = Number.isInteger(usage[m]) ? String(usage[m]) : usage[m].toPrecision(4);
      const share = total > 0 ? `${Math.round((byMeter[m] / total) * 100)}%` : '';
      return `  ${count.padStart(12)} ${p.unit.padEnd(32)} ${formatUsd(byMeter[m]).padStart(11)} ${share.padStart(4)}${estimated.has(m) ? '  (estimate)' : ''}`;
    });
  return [...rows, `  ${'total'.padStart(12)} ${`at ${PRICES.region} list prices of ${PRICES.readOn}`.padEnd(32)} ${formatUsd(total).padStart(11)}`];
}
