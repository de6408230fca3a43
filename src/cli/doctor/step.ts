/**
 * How one doctor step ended:
 * - `pass`: fine;
 * - `warn`: works, but something deserves attention (exit status stays 0);
 * - `fail`: broken; the exit status is 1;
 * - `skip`: not checked, because the step does not apply (TLS on an `http://`
 *   endpoint) or because a step it depends on failed (`blockedBy`).
 */
export type StepStatus = "pass" | "warn" | "fail" | "skip";

/** The steps, in the order they run. */
export type StepId =
  | "configuration"
  | "proxy"
  | "dns"
  | "tcp"
  | "tls"
  | "api"
  | "clock"
  | "rest-credentials"
  | "s3-gateway"
  | "version";

/** What a check returns. */
export interface StepResult {
  readonly status: StepStatus;
  /** One line: what was found. For a failure, the cause. */
  readonly summary: string;
  /** More lines (certificate chain, addresses, …). */
  readonly details?: readonly string[];
  /** For a failure or warning: what to do, naming the setting to change and where it is set. */
  readonly fix?: string;
  /** The setting to change, e.g. `env LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY` or `--ca-cert`. */
  readonly setting?: string;
  /** Machine-readable facts for `--json`. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** A step's result with its identity, as printed and put in the JSON report. */
export interface StepReport extends StepResult {
  readonly id: StepId;
  readonly title: string;
  /** Set when the step was skipped because this earlier step failed (or was itself blocked). */
  readonly blockedBy?: StepId;
  /** Milliseconds the check took. */
  readonly durationMs: number;
}

export const pass = (summary: string, more: Omit<StepResult, "status" | "summary"> = {}): StepResult => ({ status: "pass", summary, ...more });
export const warn = (summary: string, more: Omit<StepResult, "status" | "summary"> = {}): StepResult => ({ status: "warn", summary, ...more });
export const fail = (summary: string, more: Omit<StepResult, "status" | "summary"> = {}): StepResult => ({ status: "fail", summary, ...more });
export const skip = (summary: string, more: Omit<StepResult, "status" | "summary"> = {}): StepResult => ({ status: "skip", summary, ...more });
