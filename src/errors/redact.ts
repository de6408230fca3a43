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
