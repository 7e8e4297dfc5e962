import { HTTP_FUNCTION, INBOUND_FUNCTION, TASK_FUNCTIONS } from '../../functions/catalog';
import { addUsage, costOf, costTable, formatUsd, memoryOf, transitionsByState, type Meter, type Usage } from '../../functions/shared/domain/cost';
import type { LocalStepFunctions } from '../runtime/local-step-functions';
import type { LocalMeter } from './local-meter';

/** The memory a function is configured with, by its directory under functions/ (the console's is the default). */
export function memoryOfFunction(dir: string): number {
  const spec = [...TASK_FUNCTIONS, HTTP_FUNCTION, INBOUND_FUNCTION].find((f) => f.dir === dir);
  return memoryOf(spec ?? {});
}

/** One source of a cycle's cost: a function, the state machine, or people's own S3 requests. */
export interface CostRow {
  source: string;
  usage: Usage;
  usd: number;
}

/** A cycle's metered usage: its totals, where they come from, and which figures are estimates. */
export interface CycleCost {
  cycleId: string;
  usage: Usage;
  rows: CostRow[];
  /** Transitions per ASL state, most first. */
  transitionsByState: [string, number][];
  /** Meters whose figures are estimates, with why. */
  estimates: Partial<Record<Meter, string>>;
}

/** Rows, most expensive first, and the totals of `lines` grouped by source. */
export function costRows(bySource: Map<string, Usage>): { rows: CostRow[]; usage: Usage } {
  const rows = [...bySource].map(([source, usage]) => ({ source, usage, usd: costOf(usage).total })).sort((a, b) => b.usd - a.usd);
  return { rows, usage: addUsage(...rows.map((r) => r.usage)) };
}

/**
 * What the local cloud metered for one cycle: its executions' state transitions (every execution
 * whose name starts with the cycle id: a resumed cycle runs a second one), and every invocation, request
 * and email counted for it.
 */
export function meteredCycle(sfn: LocalStepFunctions, meter: LocalMeter, cycleId: string): CycleCost {
  const ofCycle = (name: string) => name === cycleId || name.startsWith(`${cycleId}-`);
  const bySource = new Map<string, Usage>();
  const put = (source: string, usage: Partial<Usage>) => bySource.set(source, addUsage(bySource.get(source) ?? {}, usage));
  const byState = new Map<string, number>();
  for (const execution of sfn.list().filter((e) => ofCycle(e.name))) {
    for (const [state, n] of transitionsByState(execution.events)) byState.set(state, (byState.get(state) ?? 0) + n);
  }
  put('state machine', { transitions: [...byState.values()].reduce((a, b) => a + b, 0) });
  for (const line of meter.linesFor().filter((l) => ofCycle(l.tag.cycle))) put(line.tag.source, line.usage);
  const { rows, usage } = costRows(bySource);
  const estimates: Partial<Record<Meter, string>> = {
    lambdaGbSeconds: 'wall time of each handler call on this machine, at the catalog memory',
    s3GbMonths: 'bytes written, kept for one month',
  };
  if (meter.estimatedWriteUnits > 0) estimates.ddbWriteUnits = `includes ${meter.estimatedWriteUnits} for failed conditional writes (1 KB each)`;
  return { cycleId, usage, rows, transitionsByState: [...byState].sort((a, b) => b[1] - a[1]), estimates };
}

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Where the money goes: by meter, by source, and the states that take the most transitions. */
export function describeCost(cost: CycleCost, opts: { states?: number } = {}): string[] {
  const estimated = new Set(Object.keys(cost.estimates) as Meter[]);
  const bySource = cost.rows.map(
    (r) =>
      `  ${r.source.padEnd(30)} ${formatUsd(r.usd).padStart(10)}  ${[
        r.usage.transitions ? `${r.usage.transitions} transitions` : '',
        r.usage.lambdaRequests ? `${r.usage.lambdaRequests} invocations, ${num(r.usage.lambdaGbSeconds)} GB-s` : '',
        r.usage.ddbWriteUnits || r.usage.ddbReadUnits ? `${num(r.usage.ddbWriteUnits)} WRU, ${num(r.usage.ddbReadUnits)} RRU` : '',
        r.usage.emails ? `${r.usage.emails} emails` : '',
        r.usage.s3WriteRequests + r.usage.s3ReadRequests ? `${r.usage.s3WriteRequests + r.usage.s3ReadRequests} S3 requests` : '',
        r.usage.httpRequests ? `${r.usage.httpRequests} HTTP requests` : '',
      ]
        .filter(Boolean)
        .join(', ')}`,
  );
  const states = cost.transitionsByState.slice(0, opts.states ?? 8).map(([state, n]) => `  ${state.padEnd(30)} ${String(n).padStart(6)}`);
  return [
    `By meter (cycle ${cost.cycleId}):`,
    ...costTable(cost.usage, estimated),
    'By source:',
    ...bySource,
    'Most transitions:',
    ...states,
    ...Object.entries(cost.estimates).map(([m, why]) => `Estimate: ${m}: ${why}.`),
  ];
}
