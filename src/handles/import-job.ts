import type { AdminClient } from "../admin/admin-client.js";
import type { WaitForImportOptions } from "../admin/options.js";
import type { CallOptions } from "../http/call-options.js";
import type { ImportStatusInfo } from "../admin/types.js";

/**
 * An import running on the server, as {@link Branch.startImport} returns it:
 * ask for its status, wait for its commit, or cancel it.
 *
 * @public
 */
export class ImportJob {
  readonly #admin: AdminClient;
  /** The repository imported into. */
  readonly repository: string;
  /** The branch imported into. */
  readonly branch: string;
  /** The import's id on the server. */
  readonly id: string;

  /** @internal */
  constructor(admin: AdminClient, repository: string, branch: string, id: string) {
    this.#admin = admin;
    this.repository = repository;
    this.branch = branch;
    this.id = id;
  }

  /** The current state: `completed`, `ingestedObjects`, and once done `commit` or `error`. */
  status(options: CallOptions = {}): Promise<ImportStatusInfo> {
    return this.#admin.importStatus({ signal: options.signal, repository: this.repository, branch: this.branch, importId: this.id });
  }

  /**
   * Polls until the import completes and returns its final status (with `commit`).
   * A failed import throws `ImportFailedError`; aborting stops the waiting, not the import.
   */
  wait(options: WaitForImportOptions = {}): Promise<ImportStatusInfo> {
    return this.#admin.waitForImport({ ...options, repository: this.repository, branch: this.branch, importId: this.id });
  }

  /**
   * Asks lakeFS to stop the import. lakeFS 1.84 looks for the request about
   * once a second, so an import that finishes sooner is still committed,
   * although its status then reads `Canceled`: check the branch's log when it matters.
   */
  cancel(options: CallOptions = {}): Promise<void> {
    return this.#admin.cancelImport({ signal: options.signal, repository: this.repository, branch: this.branch, importId: this.id });
  }
}
