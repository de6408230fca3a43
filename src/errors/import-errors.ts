import { LakeFSError, type LakeFSErrorOptions } from "./lakefs-error.js";

/**
 * An import that lakeFS accepted failed while it ran (a source that does not
 * exist, a location lakeFS may not read, a source on another kind of object
 * store), or was cancelled. A failed import commits nothing; a cancelled one
 * may still have committed if it finished within about a second of the
 * cancel (lakeFS checks for cancellations that often).
 *
 * @public
 */
export class ImportFailedError extends LakeFSError {
  override readonly name: string = "ImportFailedError";
  /** The import's id, as `startImport` returned it. */
  readonly importId: string;
  /** The repository imported into. */
  readonly repository: string;
  /** The branch imported into. */
  readonly branch: string;
  constructor(message: string, target: { importId: string; repository: string; branch: string }, options: LakeFSErrorOptions = {}) {
    super(message, {
      status: 0,
      code: "ImportFailed",
      fault: "client",
      hint:
        "Check that every source exists, is on the same kind of object store as the repository, " +
        "and is a location lakeFS may read (for the local blockstore: under blockstore.local.allowed_external_prefixes)",
      ...options,
    });
    this.importId = target.importId;
    this.repository = target.repository;
    this.branch = target.branch;
  }
}
