import type { S3Client } from "@aws-sdk/client-s3";
import { abortError } from "../../http/abort.js";
import { ReadOnlyRefError } from "../../errors/input-errors.js";
import { BranchNotFoundError, RepositoryNotFoundError } from "../../errors/not-found-errors.js";
import type { RefLocation } from "./object-location.js";
import { probeRef } from "./probe-ref.js";

/**
 * Throws unless `ref` is an existing branch of an existing repository:
 * `RepositoryNotFoundError`, `BranchNotFoundError` or `ReadOnlyRefError` (a
 * tag or commit). A probe that fails for another reason lets the call go on.
 *
 * @internal
 */
export async function assertBranch(s3: S3Client, location: RefLocation, operation: string, signal?: AbortSignal): Promise<void> {
  const probe = await probeRef(s3, location.repository, location.ref, { branch: true, signal });
  if (signal?.aborted) throw abortError(signal, operation);
  const options = { operation };
  if (probe === "no-repository") throw new RepositoryNotFoundError(location.repository, options);
  if (probe === "no-ref") throw new BranchNotFoundError(location.repository, location.ref, options);
  if (probe === "ref") throw new ReadOnlyRefError(location.repository, location.ref, options);
}
