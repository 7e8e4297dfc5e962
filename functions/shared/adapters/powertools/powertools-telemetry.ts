import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { MetricName, Telemetry } from '../../ports';

/**
 * Telemetry as CloudWatch metrics (Embedded Metric Format, written to the function's log). A count
 * without dimensions goes into the invocation's batch, which the `logMetrics` middleware publishes.
 * Dimensioned counts are summed here until {@link PowertoolsTelemetry.flush}: Powertools gives one
 * batch one set of dimensions, so each (name, dimensions) pair is published on its own, once per
 * invocation rather than once per email of a fan-out.
 */
export class PowertoolsTelemetry implements Telemetry {
  private readonly pending = new Map<string, { name: MetricName; dimensions: Record<string, string>; n: number }>();

  constructor(private readonly metrics: Metrics) {}

  count(name: MetricName, dimensions?: Record<string, string>): void {
    if (!dimensions || Object.keys(dimensions).length === 0) {
      this.metrics.addMetric(name, MetricUnit.Count, 1);
      return;
    }
    const key = JSON.stringify([name, Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b))]);
    const entry = this.pending.get(key);
    if (entry) entry.n += 1;
    else this.pending.set(key, { name, dimensions: { ...dimensions }, n: 1 });
  }

  /** Publishes the dimensioned counts summed since the last flush; the runtime calls it as an invocation ends. */
  flush(): void {
    for (const { name, dimensions, n } of this.pending.values()) {
      // A single metric is published as soon as its value is added.
      const single = this.metrics.singleMetric();
      single.addDimensions(dimensions);
      single.addMetric(name, MetricUnit.Count, n);
    }
    this.pending.clear();
  }
}
