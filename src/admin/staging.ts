import { validateObjectPath, validateRef, validateRepositoryName } from "../validation/names.js";
import type { RestClient } from "./rest-client.js";
import type { CallOptions } from "../http/call-options.js";
import type { ObjectStat } from "../model/object-stat.js";
import { toObjectStat } from "./objects.js";

/**
 * Where to write an object's bytes before linking them to a path: the
 * store's physical address and, when asked for, a presigned PUT URL.
 *
 * @public
 */
export interface StagingLocation {
  /** The physical address on the object store, to pass back to {@link AdminClient.linkPhysicalAddress}. */
  readonly physicalAddress: string;
  /** A presigned PUT URL for the bytes. Carries credentials: never log it. */
  readonly presignedUrl?: string;
  /** When the presigned URL expires, in Unix epoch seconds, when the server says. */
  readonly presignedUrlExpiry?: number;
}

/**
 * Input of {@link AdminClient.getPhysicalAddress}.
 *
 * @public
 */
export interface GetPhysicalAddressInput extends CallOptions {
  /** The repository. */
  readonly repository: string;
  /** The branch to write to. */
  readonly branch: string;
  /** The object's path on the branch. */
  readonly path: string;
  /** Ask for a presigned PUT URL as well. */
  readonly presign?: boolean;
}

/**
 * Input of {@link AdminClient.linkPhysicalAddress}.
 *
 * @public
 */
export interface LinkPhysicalAddressInput extends CallOptions {
  /** The repository. */
  readonly repository: string;
  /** The branch to write to. */
  readonly branch: string;
  /** The object's path on the branch. */
  readonly path: string;
  /** The physical address that {@link AdminClient.getPhysicalAddress} returned. */
  readonly physicalAddress: string;
  /** The store's ETag of the written bytes, unquoted. */
  readonly checksum: string;
  /** Size of the written bytes. */
  readonly sizeBytes: number;
  /** `Content-Type` stored with the object. */
  readonly contentType?: string;
  /** User metadata stored with the object, keys as given. */
  readonly userMetadata?: Readonly<Record<string, string>>;
  /** `"*"`: link only if no object exists at the path (412 otherwise). */
  readonly ifNoneMatch?: "*";
}

function checkLocation(repository: string, branch: string, path: string): void {
  validateRepositoryName(repository);
  validateRef(branch);
  validateObjectPath(path);
}

/** Implements {@link AdminClient.getPhysicalAddress}. @internal */
export async function getPhysicalAddress(rest: RestClient, input: GetPhysicalAddressInput): Promise<StagingLocation> {
  const { repository, branch, path } = input;
  checkLocation(repository, branch, path);
  const location = await rest.request(
    "get",
    "/repositories/{repository}/branches/{branch}/staging/backing",
    { path: { repository, branch }, query: { path, presign: input.presign ?? false }, signal: input.signal },
    { operation: "getPhysicalAddress", target: { repository, ref: branch, refKind: "branch", path } },
  );
  return {
    physicalAddress: location.physical_address ?? "",
    ...(location.presigned_url ? { presignedUrl: location.presigned_url } : {}),
    ...(location.presigned_url_expiry ? { presignedUrlExpiry: location.presigned_url_expiry } : {}),
  };
}

/** Implements {@link AdminClient.linkPhysicalAddress}. @internal */
export async function linkPhysicalAddress(rest: RestClient, input: LinkPhysicalAddressInput): Promise<ObjectStat> {
  const { repository, branch, path } = input;
  checkLocation(repository, branch, path);
  const stats = await rest.request(
    "put",
    "/repositories/{repository}/branches/{branch}/staging/backing",
    {
      path: { repository, branch },
      query: { path },
      body: {
        staging: { physical_address: input.physicalAddress },
        checksum: input.checksum,
        size_bytes: input.sizeBytes,
        force: false,
        ...(input.contentType ? { content_type: input.contentType } : {}),
        ...(input.userMetadata ? { user_metadata: { ...input.userMetadata } } : {}),
      },
      ...(input.ifNoneMatch ? { headers: { "if-none-match": input.ifNoneMatch } } : {}),
      signal: input.signal,
    },
    { operation: "linkPhysicalAddress", target: { repository, ref: branch, refKind: "branch", path }, idempotent: !input.ifNoneMatch, resendRefused: true },
  );
  return toObjectStat(stats);
}

/**
 * Input of {@link AdminClient.statObjectPresigned}.
 *
 * @public
 */
export interface StatObjectPresignedInput extends CallOptions {
  /** The repository. */
  readonly repository: string;
  /** A branch, tag, commit id or ref expression. */
  readonly ref: string;
  /** The object's path on the ref. */
  readonly path: string;
}

/**
 * An object's stats whose `physicalAddress` is a presigned GET URL on the object store.
 *
 * @public
 */
export type PresignedObjectStat = ObjectStat & {
  /** A presigned GET URL of the object's data, valid until `physicalAddressExpiry`. */
  readonly physicalAddress: string;
};

/** Implements {@link AdminClient.statObjectPresigned}: the stats with `physicalAddress` a presigned GET URL. @internal */
export async function statObjectPresigned(rest: RestClient, input: StatObjectPresignedInput): Promise<PresignedObjectStat> {
  const { repository, ref, path } = input;
  validateRepositoryName(repository);
  validateRef(ref);
  validateObjectPath(path);
  const stats = await rest.request(
    "get",
    "/repositories/{repository}/refs/{ref}/objects/stat",
    { path: { repository, ref }, query: { path, user_metadata: true, presign: true }, signal: input.signal },
    { operation: "statObject", target: { repository, ref, refKind: "ref", path } },
  );
  return { ...toObjectStat(stats), physicalAddress: stats.physical_address };
}
