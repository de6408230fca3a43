import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";

/**
 * What a ref probe found:
 * - `"no-repository"`: the repository does not exist;
 * - `"no-ref"`: the repository exists, the ref does not resolve;
 * - `"branch"`: the ref is a branch (only reported when asked for);
 * - `"ref"`: the ref resolves (a tag, commit id or expression, or a branch when not asked).
 *
 * @internal
 */
export type RefProbe = "no-repository" | "no-ref" | "branch" | "ref";

interface SdkErrorShape {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

function statusOf(err: unknown): { status?: number; code?: string } {
  const e = (err ?? {}) as SdkErrorShape;
  return { status: e.$metadata?.httpStatusCode, code: e.Code ?? e.name };
}

/**
 * Tells a missing repository from a missing ref and a branch from a read-only
 * ref, with gateway listings only. The gateway answers `NoSuchBucket` to a
 * write on a tag, a commit id or a missing branch, `NoSuchKey` to a read on a
 * missing ref, and 204 to a delete on a tag; this probe is how the toolkit
 * names the real cause. It is used on error paths (and before deletes), so
 * the common path costs nothing.
 *
 * Resolves `undefined` when the probe itself fails.
 *
 * @internal
 */
export async function probeRef(
  s3: S3Client,
  repository: string,
  ref: string,
  options: { readonly branch?: boolean; readonly signal?: AbortSignal } = {},
): Promise<RefProbe | undefined> {
  const abortSignal = options.signal;
  try {
    if (options.branch) {
      // At the bucket root, with a prefix that has no '/', the gateway lists branches as common prefixes.
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket: repository, Prefix: ref, Delimiter: "/", ContinuationToken: token }),
          { abortSignal },
        );
        if ((page.CommonPrefixes ?? []).some((p) => p.Prefix === `${ref}/`)) return "branch";
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    }
    // Listing under a ref answers a bodiless 400 (the SDK names it BadRequest) when the ref does not resolve.
    await s3.send(new ListObjectsV2Command({ Bucket: repository, Prefix: `${ref}/`, MaxKeys: 1 }), { abortSignal });
    return "ref";
  } catch (err) {
    const { status, code } = statusOf(err);
    if (code === "NoSuchBucket" || (status === 404 && code !== "NoSuchKey")) return "no-repository";
    // Any other answer (400 MissingFields for a malformed key id, 403, 5xx) says nothing about the ref.
    if (status === 400 && code === "BadRequest") return "no-ref";
    return undefined;
  }
}
