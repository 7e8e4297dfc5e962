import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent as SfnEvent } from '@aws-sdk/client-sfn';
import { addUsage, gbSeconds, transitionsByState, type Meter, type Usage } from '../functions/shared/domain/cost';
import { taskRunsOf, type TimedHistoryEvent } from '../functions/shared/domain/cost-history';
import { isPaper, type Cycle } from '../functions/shared/domain/types';
import type { CoreDeps } from '../functions/shared/ports';
import { costRows, memoryOfFunction, type CycleCost } from '../local/metering/cycle-usage';
import { loadLocalDefinition } from '../local/runtime/asl';

/**
 * Ratios measured by `npm run bench:cost` (20 members, 2026-12-07) for what no record shows: DynamoDB
 * units per email sent and per function call, HTTP requests per email, a task's run where the history
 * gives no duration. Estimates: the README says how to measure them again.
 */
const MEASURED = {
  writeUnitsPerEmail: 13,
  readUnitsPerEmail: 5,
  writeUnitsPerCall: 3,
  readUnitsPerCall: 5.5,
  httpRequestsPerEmail: 0.3,
  httpRunMs: 130,
  taskRunMs: 1_000,
} as const;

/** Every event of an execution's history, oldest first, as the meter reads them. */
async function readHistory(executionArn: string): Promise<TimedHistoryEvent[]> {
  const sfn = new SFNClient({});
  const events: TimedHistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }));
    for (const e of page.events ?? ([] as SfnEvent[])) {
      const state = e.stateEnteredEventDetails?.name ?? e.stateExitedEventDetails?.name;
      events.push({ type: String(e.type), at: e.timestamp ? new Date(e.timestamp).getTime() : 0, ...(state ? { state } : {}) });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  sfn.destroy();
  return events;
}

/**
 * A real cycle's cost from its execution history (transitions and Lambda runs: exact counts; durations
 * from the history's timestamps) and the app's own records (emails from the outbox, papers' bytes); what
 * no record holds is estimated from the bench's ratios, and named so in `estimates`.
 */
export async function costFromRecords(d: Pick<CoreDeps, 'outbox' | 'cycles'>, cycle: Cycle): Promise<CycleCost> {
  const events = cycle.executionArn ? await readHistory(cycle.executionArn) : [];
  const plans = loadLocalDefinition().plans;
  const functionOf = (state: string): string | undefined => {
    const plan = plans.get(state);
    return plan && plan.kind !== 'wait' ? plan.functionDir : undefined;
  };
  const bySource = new Map<string, Usage>();
  const put = (source: string, usage: Partial<Usage>) => bySource.set(source, addUsage(bySource.get(source) ?? {}, usage));
  put('state machine', { transitions: [...transitionsByState(events).values()].reduce((a, b) => a + b, 0) });
  let calls = 0;
  for (const [state, runs] of taskRunsOf(events, (s) => functionOf(s) !== undefined)) {
    const dir = functionOf(state) ?? state;
    const untimedMs = (runs.runs - runs.timedRuns) * (runs.timedRuns ? runs.timedMs / runs.timedRuns : MEASURED.taskRunMs);
    put(dir, { lambdaRequests: runs.runs, lambdaGbSeconds: gbSeconds(runs.timedMs + untimedMs, memoryOfFunction(dir)) });
    calls += runs.runs;
  }
  const [outbox, papers] = await Promise.all([d.outbox.listForCycle(cycle.cycleId), d.cycles.listPapers(cycle.cycleId)]);
  const emails = outbox.filter((e) => e.status === 'sent').reduce((n, e) => n + Math.max(1, e.message?.to.length ?? 1), 0);
  const http = Math.round(emails * MEASURED.httpRequestsPerEmail);
  calls += http;
  const stored = papers.filter(isPaper).length;
  put('http', { httpRequests: http, lambdaRequests: http, lambdaGbSeconds: gbSeconds(http * MEASURED.httpRunMs, memoryOfFunction('http')) });
  put('emails (outbox)', {
    emails,
    ddbWriteUnits: emails * MEASURED.writeUnitsPerEmail + calls * MEASURED.writeUnitsPerCall,
    ddbReadUnits: emails * MEASURED.readUnitsPerEmail + calls * MEASURED.readUnitsPerCall,
    // Each paper: its upload (POST) and checked copy (PUT), read for the pack and its checks; the pack, twice.
    s3WriteRequests: stored * 2 + 2,
    s3ReadRequests: stored * 3 + 2,
    s3GbMonths: (papers.reduce((n, p) => n + (isPaper(p) ? p.size : 0), 0) * 2) / 1024 ** 3,
  });
  const { rows, usage } = costRows(bySource);
  const estimates: Partial<Record<Meter, string>> = {
    lambdaGbSeconds: `from the history's start and end of each run (an upper bound); links at ${MEASURED.httpRunMs} ms a request`,
    ddbWriteUnits: `${MEASURED.writeUnitsPerEmail} a sent email and ${MEASURED.writeUnitsPerCall} a function call, as bench:cost measured`,
    ddbReadUnits: `${MEASURED.readUnitsPerEmail} a sent email and ${MEASURED.readUnitsPerCall} a function call, as bench:cost measured`,
    httpRequests: `${MEASURED.httpRequestsPerEmail} link requests an email, as bench:cost measured (API Gateway's own metrics count them)`,
    s3WriteRequests: 'two a paper (upload and checked copy) and the pack',
    s3ReadRequests: 'three a paper (checks and the pack) and the pack',
    s3GbMonths: 'each paper stored twice (upload and checked copy), for one month',
  };
  return { cycleId: cycle.cycleId, usage, rows, transitionsByState: [...transitionsByState(events)].sort((a, b) => b[1] - a[1]), estimates };
}
