/**
 * The bare form of an ETag: without surrounding quotes or a weak `W/`
 * prefix, as lakeFS's REST API shows checksums.
 *
 * @internal
 */
export function normalizeEtag(etag: string | undefined): string | undefined {
  if (etag === undefined || etag === "") return undefined;
  return etag.replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}

/**
 * The quoted form for `If-Match` headers.
 *
 * @internal
 */
export function quoteEtag(etag: string): string {
  const bare = normalizeEtag(etag) ?? etag;
  return `"${bare}"`;
}
