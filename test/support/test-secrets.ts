/**
 * The secret values the test suite hands to clients, in one place: the
 * secrets test provokes failures with them, and `scripts/scan-secrets.ts`
 * searches everything the whole suite printed for them afterwards.
 */
import { TEST_CREDENTIALS } from "../../tools/lakefs/server.js";

/** A secret key that lakeFS does not know, for the test server's access key id. */
export const WRONG_SECRET = "wJalrXUtnFEMI/K7MDENG/WRONGSECRETKEY0000x1";
/** A session token handed to clients next to real or wrong keys. */
export const SESSION_TOKEN = "FwoGZXIvYXdzEJr//////////wEaDTESTSESSIONTOKEN0123456789abcdef";
/** A proxy user name and password, put in proxy URLs. */
export const PROXY_USER = "proxy-user";
export const PROXY_PASSWORD = "Pr0xyP@ss-w0rd-9f3c";
/** A value of an unrelated environment variable, which no error may echo. */
export const ENV_SECRET = "env-secret-value-7d1e5c0b";

/**
 * Every form in which a secret could show up in text: as is, URL-encoded,
 * and inside a Basic `Authorization` header (base64 of `user:password`).
 * `extra` adds values known only at run time (presigned signatures, random
 * passwords).
 */
export function secretForms(extra: readonly string[] = []): string[] {
  const raw = [TEST_CREDENTIALS.secretAccessKey, WRONG_SECRET, SESSION_TOKEN, PROXY_PASSWORD, ENV_SECRET, ...extra];
  return [
    ...new Set([
      ...raw,
      ...raw.map(encodeURIComponent),
      Buffer.from(`${TEST_CREDENTIALS.accessKeyId}:${TEST_CREDENTIALS.secretAccessKey}`).toString("base64"),
      Buffer.from(`${TEST_CREDENTIALS.accessKeyId}:${WRONG_SECRET}`).toString("base64"),
      Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString("base64"),
    ]),
  ];
}
