/**
 * The part of an S3 event notification that the Lambda examples read, and
 * how its records map to lakeFS: the bucket is the repository and the key is
 * `<branch>/<path>`. Shared by both handlers; no dependencies.
 */

/** An S3 event notification (only the fields used here). */
export interface S3Event {
  readonly Records: ReadonlyArray<{
    readonly eventName?: string;
    readonly s3: {
      readonly bucket: { readonly name: string };
      /** URL-encoded as S3 sends it: a space arrives as `+`, other bytes as `%XX`. */
      readonly object: { readonly key: string; readonly size?: number };
    };
  }>;
}

/** The Lambda context fields the handlers use. Optional, so local calls can omit it. */
export interface LambdaContext {
  readonly awsRequestId?: string;
  getRemainingTimeInMillis?(): number;
}

/** One object named by an event record, in lakeFS terms. */
export interface EventObject {
  readonly repository: string;
  readonly branch: string;
  readonly path: string;
}

/** Decodes an event key: `+` is a space, then percent-decoding (as S3 encodes keys in events). */
export function decodeEventKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, " "));
}

/** The objects an event names. A key without a `/` (no path after the branch) is an error. */
export function objectsFromS3Event(event: S3Event): EventObject[] {
  if (!event || !Array.isArray(event.Records)) throw new Error("Not an S3 event: Records is missing");
  return event.Records.map((record) => {
    const repository = record.s3.bucket.name;
    const key = decodeEventKey(record.s3.object.key);
    const slash = key.indexOf("/");
    if (slash <= 0 || slash === key.length - 1) throw new Error(`Event key "${key}" is not <branch>/<path>`);
    return { repository, branch: key.slice(0, slash), path: key.slice(slash + 1) };
  });
}

/** Where a summary of `path` is written on the output branch. */
export function summaryPath(path: string): string {
  return `summaries/${path}.json`;
}

/** A signal that fires a little before the function would be killed (or after `fallbackMs` when run locally). */
export function deadlineSignal(context: LambdaContext | undefined, fallbackMs = 60_000, marginMs = 1_000): AbortSignal {
  const remaining = context?.getRemainingTimeInMillis?.() ?? fallbackMs;
  return AbortSignal.timeout(Math.max(1_000, remaining - marginMs));
}
