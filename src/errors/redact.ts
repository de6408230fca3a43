import { LakeFSError } from "./lakefs-error.js";

const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^\s/@:]+)(?::[^\s/@]*)?@/gi;
// S3 SigV4/SigV2, GCS V4 and Azure SAS: what makes a presigned URL a credential.
const SIGNATURE_PARAMS = /\b((?:X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|Signature|AWSAccessKeyId|X-Goog-Signature|X-Goog-Credential|sig)=)[^&\s"']+/gi;
const AUTH_HEADERS = /((?:authorization|proxy-authorization)\s*[:=]\s*)("?)[^\r\n",}]+/gi;

/**
 * Removes what must never be shown from a text: URL user-info (proxy
 * passwords), presigned-URL signatures and credentials, authorization header
 * values, and any of the given secret values.
 *
 * @internal
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text
    .replace(URL_USERINFO, "$1$2:***@")
    .replace(SIGNATURE_PARAMS, "$1***")
    .replace(AUTH_HEADERS, "$1$2***");
  for (const secret of secrets) {
    // Short values would redact ordinary words; real secrets are long.
    if (secret && secret.length >= 8) out = out.split(secret).join("***");
  }
  return out;
}

/**
 * Formats a URL for a message with any user-info password and presigned-URL
 * signature or credential removed.
 *
 * @internal
 */
export function displayUrl(url: string | URL): string {
  try {
    const parsed = new URL(String(url));
    if (parsed.password) parsed.password = "***";
    // A presigned URL pasted where an endpoint belongs must not show its signature either.
    return parsed.toString().replace(/\/$/, "").replace(SIGNATURE_PARAMS, "$1***");
  } catch {
    return redact(String(url));
  }
}

/** What a copied cause keeps: what names the failure, never options or request objects. */
const KEPT_FIELDS = ["code", "errno", "syscall", "address", "port"] as const;

/**
 * A copy of an error and its cause chain that is safe to keep as a `cause`:
 * name, message and stack with {@link redact} applied, the system error
 * fields (`code`, `errno`, `syscall`, `address`, `port`), and nothing else.
 * Errors of proxy libraries carry their options, proxy password included
 * (SOCKS clients as a hidden property, which `console.log("%o", err)`
 * prints); the copy leaves them behind. Errors of this toolkit are safe by
 * construction and kept as they are; values that are not errors are dropped.
 *
 * @internal
 */
export function redactedCause(cause: unknown, secrets: readonly (string | undefined)[] = [], depth = 0): unknown {
  if (!(cause instanceof Error)) return undefined;
  if (cause instanceof LakeFSError) return cause;
  const copy = new Error(redact(cause.message, secrets));
  Object.defineProperty(copy, "name", { value: cause.name, enumerable: false, configurable: true, writable: true });
  copy.stack = cause.stack === undefined ? undefined : redact(cause.stack, secrets);
  const source = cause as unknown as Record<string, unknown>;
  const target = copy as unknown as Record<string, unknown>;
  for (const field of KEPT_FIELDS) {
    const value = source[field];
    if (typeof value === "string" || typeof value === "number") target[field] = typeof value === "string" ? redact(value, secrets) : value;
  }
  if (cause.cause !== undefined && depth < 8) {
    const inner = redactedCause(cause.cause, secrets, depth + 1);
    if (inner !== undefined) copy.cause = inner;
  }
  return copy;
}

const SECRET_KEY = /password|passwd|secret|token|authorization/i;

/** A copy of a plain value with its enumerable fields only, secret-named ones masked, strings redacted. */
function scrubbedCopy(value: unknown, depth: number): unknown {
  if (typeof value === "string") return redact(value);
  if (value === null || typeof value !== "object" || depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => scrubbedCopy(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) && typeof v === "string" ? "***" : scrubbedCopy(v, depth + 1);
  return out;
}

/**
 * Removes proxy credentials from an error object in place, for errors that
 * reach the caller as they are (a raw `S3Client` rethrows the socket's
 * error): redacts its message and stack, and replaces each plain-object
 * property with a copy without hidden or secret-named fields. The SOCKS
 * client keeps its options there, the proxy password as a hidden property
 * that `console.log("%o", err)` prints.
 *
 * @internal
 */
export function scrubProxySecrets(err: Error): void {
  try {
    if (typeof err.message === "string") err.message = redact(err.message);
    if (typeof err.stack === "string") err.stack = redact(err.stack);
    for (const key of Object.keys(err)) {
      const value = (err as unknown as Record<string, unknown>)[key];
      if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        (err as unknown as Record<string, unknown>)[key] = scrubbedCopy(value, 0);
      }
    }
  } catch {
    // A frozen or exotic error stays as it is; LakeFSError causes are redacted copies anyway.
  }
}
