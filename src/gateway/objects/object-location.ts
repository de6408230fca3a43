import type { ErrorTarget } from "../../errors/error-from-response.js";

/**
 * Where an object lives: a repository, a ref (branch, tag, commit id or
 * expression such as `main~1`) and a path within the ref. On the S3 gateway
 * this is bucket `repository`, key `<ref>/<path>`.
 *
 * @public
 */
export interface ObjectLocation {
  /** The repository (the gateway's bucket). */
  readonly repository: string;
  /** Branch, tag, commit id or ref expression. Writes need a branch. */
  readonly ref: string;
  /** The object's path within the ref, without a leading `<ref>/`. */
  readonly path: string;
}

/**
 * A repository and a ref, for calls that work on many paths at once
 * (listing, bulk delete).
 *
 * @public
 */
export interface RefLocation {
  /** The repository (the gateway's bucket). */
  readonly repository: string;
  /** Branch, tag, commit id or ref expression. Deletes need a branch. */
  readonly ref: string;
}

/** The gateway key of a location: `<ref>/<path>`. @internal */
export function objectKey(loc: ObjectLocation): string {
  return `${loc.ref}/${loc.path}`;
}

/** What an error should name: repository, ref and path. @internal */
export function errorTarget(loc: RefLocation & { readonly path?: string }, refKind?: ErrorTarget["refKind"]): ErrorTarget {
  return {
    repository: loc.repository,
    ref: loc.ref,
    ...(refKind ? { refKind } : {}),
    ...(loc.path !== undefined ? { path: loc.path } : {}),
  };
}
