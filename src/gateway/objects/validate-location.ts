import { ValidationError } from "../../errors/input-errors.js";
import { validateBranchName, validateObjectPath, validateRef, validateRepositoryName } from "../../validation/names.js";
import type { ObjectLocation, RefLocation } from "./object-location.js";

/**
 * Checks a location that is only read: a valid repository name, a plausible
 * ref and a non-empty path. Sends nothing.
 *
 * @internal
 */
export function validateReadLocation(loc: RefLocation & { readonly path?: string }, requirePath = true): void {
  if (loc === null || typeof loc !== "object") throw new ValidationError("A location { repository, ref, path } is required", { code: "InvalidLocation" });
  validateRepositoryName(loc.repository);
  validateRef(loc.ref);
  if (requirePath && (typeof loc.path !== "string" || loc.path.length === 0)) {
    throw new ValidationError("Invalid object path: it must not be empty", { code: "InvalidObjectPath" });
  }
}

/**
 * Checks a location that is written: a valid repository name, a branch name
 * (a ref expression such as `main~1` throws `ReadOnlyRefError`) and a path
 * that `validateObjectPath` accepts (the path within 1,024 UTF-8 bytes,
 * no control characters, no `.`/`..` segments). Sends nothing.
 *
 * @internal
 */
export function validateWriteLocation(loc: ObjectLocation): void {
  validateBranchLocation(loc);
  validateObjectPath(loc.path);
}

/**
 * Checks a repository and a branch name. Sends nothing.
 *
 * @internal
 */
export function validateBranchLocation(loc: RefLocation): void {
  if (loc === null || typeof loc !== "object") throw new ValidationError("A location { repository, ref } is required", { code: "InvalidLocation" });
  validateRepositoryName(loc.repository);
  validateBranchName(loc.ref, loc.repository);
}
