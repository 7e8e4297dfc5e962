import { DEFAULT_HOLIDAYS } from '../../functions/shared/domain/board-defaults';
import { loadWorkingCalendar } from '../../functions/shared/services/working-calendar';
import type { LocalCloud } from '../cloud';
import { compare, type Differences } from './compare';
import type { FaultInjector, FaultKind } from './injector';
import { RunCalendar } from './run-calendar';
import { runScenario, type FaultSpec, type RunResult, type ScenarioName } from './scenario';
import { taskStates } from './tasks';

/** One injected run: which scenario, which fault, and how the progress output names it. */
export interface Injection {
  scenario: ScenarioName;
  fault: FaultSpec;
  /** The Task state, or the form's button for a double POST. */
  target: string;
  name: string;
}

/** Which injections to run: all of them by default. */
export interface HarnessOptions {
  /** Only these Task states (and form buttons, for double POSTs). */
  only?: readonly string[];
  kinds?: readonly FaultKind[];
  /** A further choice, e.g. the workflow test's one injection of each kind. */
  select?: (injection: Injection) => boolean;
  /** Runs the cycle scenario once more without a fault first: its differences are the harness's own noise. */
  control?: boolean;
  /** Only these scenarios (their baselines run first); both by default. */
  scenarios?: readonly ScenarioName[];
  /** People on each run's board: 30 by default. */
  boardSize?: number;
  /** Progress, one line per run. */
  progress?: (line: string) => void;
}

/** One run's result against its baseline. */
export interface InjectionResult {
  injection: Injection;
  differences: Differences;
  fired: boolean;
}

/** The sums the summary line prints, and every run behind them. */
export interface HarnessReport {
  tasks: number;
  notReached: string[];
  /** Injections that ran; each fault fired (a run whose fault never fired is in `unfired` instead). */
  results: InjectionResult[];
  /** Injections whose fault never fired, so they prove nothing: a fault in the harness, reported apart. */
  unfired: Injection[];
  control?: Differences;
  totals: Omit<Differences, 'details'>;
}

const SCENARIOS: readonly ScenarioName[] = ['cycle', 'unanswered'];

/** The sum line: every figure but resends must be 0. */
export function summaryLine(report: HarnessReport): string {
  const t = report.totals;
  return (
    `faults: tasks=${report.tasks} reached=${report.tasks - report.notReached.length} injections=${report.results.length} ` +
    `duplicate-emails=${t.duplicateEmails} lost-emails=${t.lostEmails} lost-updates=${t.lostUpdates} stuck=${t.stuck} resends=${t.resends}`
  );
}

/** One line for a run: "ok", or its counts and the first few differences. */
export function progressLine(index: number, total: number, r: InjectionResult): string {
  const d = r.differences;
  const head = `[${index}/${total}] ${r.injection.name}:`;
  if (!r.fired) return `${head} the fault never fired (its target was not reached)`;
  const bad = d.duplicateEmails + d.lostEmails + d.lostUpdates + d.stuck;
  if (bad === 0) return `${head} ok${d.resends ? ` (resends=${d.resends})` : ''}`;
  const counts = `duplicate-emails=${d.duplicateEmails} lost-emails=${d.lostEmails} lost-updates=${d.lostUpdates} stuck=${d.stuck} resends=${d.resends}`;
  // Why it stuck first: the lost emails and records that follow are mostly its consequence.
  const lines = d.details.filter((line) => !line.startsWith('other email'));
  const shown = [...lines.filter((line) => line.startsWith('stuck')), ...lines.filter((line) => !line.startsWith('stuck'))].slice(0, 4);
  return `${head} ${counts}\n      ${shown.join('\n      ')}${d.details.length > shown.length ? `\n      … ${d.details.length - shown.length} more` : ''}`;
}

/** Which injections the baselines call for: every Task reached, each kind that applies to it, and each form. */
export function planInjections(baselines: ReadonlyMap<ScenarioName, RunResult>): { injections: Injection[]; notReached: string[] } {
  const injections: Injection[] = [];
  const notReached: string[] = [];
  for (const task of taskStates()) {
    const scenario = SCENARIOS.find((s) => baselines.get(s)?.invocations.some((i) => i.stateName === task.name));
    if (!scenario) {
      notReached.push(task.name);
      continue;
    }
    const add = (fault: FaultSpec, kind: string) => injections.push({ scenario, fault, target: task.name, name: `${task.name} ${kind}` });
    add({ kind: 'crash-after', stateName: task.name }, 'crash-after');
    add({ kind: 'throttle', stateName: task.name }, 'throttle');
    const sends = baselines.get(scenario)?.invocations.find((i) => i.stateName === task.name)?.sesSends ?? 0;
    if (sends >= 2)
      add(
        { kind: 'crash-halfway', stateName: task.name, sendsBeforeCrash: Math.floor(sends / 2) },
        `crash-halfway (after ${Math.floor(sends / 2)} of ${sends} emails)`,
      );
    if (task.callback && scenario === 'cycle') add({ kind: 'failed-resume', stateName: task.name }, 'failed-resume');
  }
  for (const label of baselines.get('cycle')?.forms ?? []) {
    injections.push({ scenario: 'cycle', fault: { kind: 'double-post', label }, target: label, name: `double POST "${label}"` });
  }
  return { injections, notReached };
}

const chosen = (injection: Injection, opts: HarnessOptions): boolean =>
  (!opts.only || opts.only.includes(injection.target)) && (!opts.kinds || opts.kinds.includes(injection.fault.kind)) && (opts.select?.(injection) ?? true);

/**
 * Runs the baselines, then every chosen injection on a fresh board each, and compares each run with its
 * scenario's baseline. A baseline that does not end as it should stops the harness: nothing could be judged.
 */
export async function runHarness(cloud: LocalCloud, injector: FaultInjector, opts: HarnessOptions = {}): Promise<HarnessReport> {
  const calendar = new RunCalendar(await loadWorkingCalendar(DEFAULT_HOLIDAYS));
  let run = 0;
  const next = () => ({ run: run++, dates: calendar.take(cloud.clock.now()) });
  const baselines = new Map<ScenarioName, RunResult>();
  const { progress = () => undefined } = opts;
  const size = opts.boardSize !== undefined ? { boardSize: opts.boardSize } : {};
  for (const scenario of opts.scenarios ?? SCENARIOS) {
    const result = await runScenario(cloud, injector, { scenario, ...next(), ...size });
    if (!result.observation.finished) throw new Error(`The ${scenario} baseline did not finish: ${result.observation.outcome}; ${result.observation.why}`);
    progress(`baseline ${scenario}: ${result.observation.outcome}, ${result.observation.emails.length} emails, ${result.observation.facts.length} records`);
    baselines.set(scenario, result);
  }
  const { injections, notReached } = planInjections(baselines);
  for (const name of notReached) progress(`not reached: ${name} (no scenario runs it; no fault injected)`);
  let control: Differences | undefined;
  if (opts.control && baselines.has('cycle')) {
    const again = await runScenario(cloud, injector, { scenario: 'cycle', ...next(), ...size });
    control = compare((baselines.get('cycle') as RunResult).observation, again.observation);
    progress(`control (cycle again, no fault): ${control.details.length === 0 ? 'identical' : control.details.join('; ')}`);
  }
  const todo = injections.filter((i) => chosen(i, opts));
  const results: InjectionResult[] = [];
  const unfired: Injection[] = [];
  for (const [i, injection] of todo.entries()) {
    const outcome = await runScenario(cloud, injector, { scenario: injection.scenario, fault: injection.fault, ...next(), ...size });
    const differences = compare((baselines.get(injection.scenario) as RunResult).observation, outcome.observation);
    const result = { injection, differences, fired: outcome.fired };
    if (outcome.fired) results.push(result);
    else unfired.push(injection);
    progress(progressLine(i + 1, todo.length, result));
  }
  const totals = { duplicateEmails: 0, lostEmails: 0, lostUpdates: 0, stuck: 0, resends: 0 };
  for (const { differences: d } of results) {
    totals.duplicateEmails += d.duplicateEmails;
    totals.lostEmails += d.lostEmails;
    totals.lostUpdates += d.lostUpdates;
    totals.stuck += d.stuck;
    totals.resends += d.resends;
  }
  return { tasks: taskStates().length, notReached, results, unfired, ...(control ? { control } : {}), totals };
}
