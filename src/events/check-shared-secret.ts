import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The header lakeFS sends the shared secret in, by default. Lambda function
 * URLs and API Gateway lower-case header names.
 *
 * @public
 */
export const DEFAULT_SECRET_HEADER = "x-lakefs-webhook-secret";

const digest = (value: string): Buffer => createHash("sha256").update(value, "utf8").digest();

/**
 * Whether a request carries the webhook's shared secret, compared in
 * constant time (both sides are hashed first, so neither the content nor the
 * length of the secret leaks through timing). A missing header, or one sent
 * twice, is a refusal. The secret is never logged or put in an error.
 *
 * @param headers - The request headers (any case).
 * @param secret - The expected secret; an empty secret refuses every request.
 * @param header - The header name. Default {@link DEFAULT_SECRET_HEADER}.
 *
 * @public
 */
export function checkSharedSecret(
  headers: Readonly<Record<string, string | readonly string[] | undefined>> | undefined,
  secret: string,
  header: string = DEFAULT_SECRET_HEADER,
): boolean {
  const wanted = header.toLowerCase();
  const values = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() === wanted).map(([, v]) => v);
  const given = values.length === 1 ? values[0] : undefined;
  if (typeof given !== "string" || secret === "") return false;
  return timingSafeEqual(digest(given), digest(secret));
}
