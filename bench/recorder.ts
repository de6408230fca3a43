import type { Failure, Metric, Verification } from "./report.js";

/**
 * What one benchmark run has measured and checked so far: the metrics (made
 * on first use, with an empty sample list per client), the failed runs, the
 * round-trip checks, the CPU seconds of every timed run, and the notes.
 */
export class Recorder {
  readonly metrics = new Map<string, Metric>();
  readonly failures: Failure[] = [];
  readonly verification: Verification[] = [];
  /** One entry per timed run: client and lakeFS CPU seconds, wall seconds. */
  readonly cpuSeconds: unknown[] = [];
  readonly notes: string[] = [];

  constructor(private readonly clients: readonly string[]) {}

  /** The metric `id`, made with these details the first time it is asked for. */
  metric(id: string, title: string, unit: string, better: "higher" | "lower", secondary = false): Metric {
    let m = this.metrics.get(id);
    if (!m) {
      m = { id, title, unit, better, samples: Object.fromEntries(this.clients.map((c) => [c, []])), ...(secondary ? { secondary } : {}) };
      this.metrics.set(id, m);
    }
    return m;
  }

  /** Records a CPU figure (client or lakeFS) when the run measured it. */
  cpuMetric(id: string, title: string, unit: string, client: string, value: number | undefined): void {
    if (value !== undefined && Number.isFinite(value)) this.metric(id, title, unit, "lower", true).samples[client]!.push(value);
  }

}
