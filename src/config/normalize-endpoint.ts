import { ConfigurationError } from "../errors/input-errors.js";
import { displayUrl } from "../errors/redact.js";

/**
 * Splits an endpoint given with or without `/api/v1` into the server URL (the
 * S3 gateway endpoint) and the REST base URL.
 *
 * @public
 */
export function normalizeEndpoint(
  endpoint: string,
  source = "endpoint",
): {
  /** The server URL without a trailing slash or `/api/v1`: the S3 gateway endpoint. */
  serverUrl: string;
  /** The REST base URL, `serverUrl` + `/api/v1`. */
  apiUrl: string;
} {
  let url: URL;
  try {
    url = new URL(endpoint.trim());
  } catch {
    throw new ConfigurationError(`The lakeFS endpoint "${displayUrl(endpoint)}" (from ${source}) is not a URL`, {
      hint: "Give a full URL such as http://localhost:8000",
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigurationError(
      `The lakeFS endpoint "${displayUrl(endpoint)}" (from ${source}) must use http:// or https://, not ${url.protocol}`,
    );
  }
  if (url.username || url.password) {
    throw new ConfigurationError(`The lakeFS endpoint (from ${source}) must not contain credentials`, {
      hint: "Pass accessKeyId and secretAccessKey separately",
    });
  }
  if (url.search || url.hash) {
    // Name the URL without its query and fragment: they may hold tokens or signatures.
    const bare = `${url.protocol}//${url.host}${url.pathname}`;
    throw new ConfigurationError(`The lakeFS endpoint "${bare}" (from ${source}) must not have a query (?…) or fragment (#…)`);
  }
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  // lakeFS serves its API at /api/v1 and the S3 gateway at the root; a SigV4 request to a
  // path prefix cannot be signed for a server behind a prefix-stripping proxy either.
  if (path !== "") {
    throw new ConfigurationError(
      `The lakeFS endpoint "${displayUrl(endpoint)}" (from ${source}) has the path ${path}: give the server URL without a path (optionally with /api/v1)`,
      { hint: `Use ${url.protocol}//${url.host} — lakeFS serves the S3 gateway at / and the REST API at /api/v1` },
    );
  }
  const serverUrl = `${url.protocol}//${url.host}`;
  return { serverUrl, apiUrl: `${serverUrl}/api/v1` };
}
