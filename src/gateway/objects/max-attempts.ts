import type { S3Client } from "@aws-sdk/client-s3";

/**
 * The client's `maxAttempts` (a number or a provider in the SDK's resolved
 * config); 3 when unknown. Broken bodies are read again up to this many times.
 *
 * @internal
 */
export async function maxAttemptsOf(s3: S3Client): Promise<number> {
  const value: unknown = (s3.config as { maxAttempts?: unknown }).maxAttempts;
  const resolved = typeof value === "function" ? await (value as () => Promise<unknown>)() : value;
  return typeof resolved === "number" && Number.isInteger(resolved) && resolved >= 1 ? resolved : 3;
}
