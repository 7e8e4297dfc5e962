import type { MetricName, Telemetry } from '../../functions/shared/ports';

/** Telemetry in memory: every count in order, so a test can ask how many of a metric were counted. */
export class FakeTelemetry implements Telemetry {
  readonly counts: { name: MetricName; dimensions?: Record<string, string> }[] = [];

  count(name: MetricName, dimensions?: Record<string, string>): void {
    this.counts.push({ name, ...(dimensions ? { dimensions: { ...dimensions } } : {}) });
  }

  /** How many of `name` were counted; only those whose dimensions include `dimensions` when given. */
  total(name: MetricName, dimensions: Record<string, string> = {}): number {
    return this.counts.filter((c) => c.name === name && Object.entries(dimensions).every(([k, v]) => c.dimensions?.[k] === v)).length;
  }
}
