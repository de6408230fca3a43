import { ImportFailedError } from "../errors/import-errors.js";
import { ValidationError } from "../errors/input-errors.js";
import { NotFoundError } from "../errors/not-found-errors.js";
import { sleep, throwIfAborted } from "../http/abort.js";
import { validateBranchName, validateCommitMessage, validateId, validateObjectPath, validateRepositoryName } from "../validation/names.js";
import { validateCommitMetadata } from "../validation/metadata.js";
import { camelize } from "./camelize.js";
import type { CancelImportInput, ImportDataInput, ImportSource, ImportStatusInput, StartImportInput, WaitForImportInput } from "./options.js";
import { pinpointMissingRef } from "./pinpoint-missing-ref.js";
import type { RestClient } from "./rest-client.js";
import { refuseReadOnlyRef } from "./refuse-read-only-ref.js";
import type { ImportStatusInfo } from "./types.js";

const SOURCE_URI = /^[a-z][a-z0-9+.-]*:\/\/\S*$/i;

/** The REST body's `paths`, each source checked first. */
function importPaths(sources: readonly ImportSource[]): { type: "common_prefix" | "object"; path: string; destination: string }[] {
  if (!Array.isArray(sources) || sources.length === 0) {
    throw new ValidationError("An import needs at least one source: { prefix, destination } or { object, destination }", { code: "InvalidImportSource" });
  }
  return sources.map((source, i) => {
    const isPrefix = typeof source === "object" && source !== null && "prefix" in source;
    const uri: unknown = isPrefix ? source.prefix : (source as { object?: unknown } | null)?.object;
    const destination: unknown = (source as { destination?: unknown } | null)?.destination;
    const where = `import source #${i + 1}`;
    if (typeof uri !== "string" || !SOURCE_URI.test(uri)) {
      throw new ValidationError(
        `Invalid ${where}: give { prefix: uri, destination } or { object: uri, destination } with a URI such as s3://bucket/path/ or local:///data/path/`,
        { code: "InvalidImportSource" },
      );
    }
    if (typeof destination !== "string") {
      throw new ValidationError(`Invalid ${where}: destination must be a string (a path on the branch)`, { code: "InvalidImportSource" });
    }
    if (isPrefix) {
      // lakeFS joins destination and each key as strings: "dst" would make "dstfile.csv".
      if (destination !== "" && !destination.endsWith("/")) {
        throw new ValidationError(`Invalid ${where}: a prefix's destination ${JSON.stringify(destination)} must end with "/" (or be "" for the branch root)`, {
          code: "InvalidImportSource",
        });
      }
      if (destination !== "") validateObjectPath(destination);
    } else {
      validateObjectPath(destination);
    }
    return { type: isPrefix ? "common_prefix" : "object", path: uri, destination };
  });
}

function defaultMessage(sources: readonly ImportSource[]): string {
  const first = "prefix" in sources[0]! ? sources[0].prefix : sources[0]!.object;
  return `Import from ${first}${sources.length > 1 ? ` and ${sources.length - 1} more` : ""}`;
}

/** Implements {@link AdminClient.startImport}. @internal */
export async function startImport(rest: RestClient, input: StartImportInput): Promise<string> {
  const { repository, branch } = input;
  validateRepositoryName(repository);
  validateBranchName(branch, repository);
  const paths = importPaths(input.sources);
  if (input.message !== undefined) validateCommitMessage(input.message);
  if (input.metadata !== undefined) validateCommitMetadata(input.metadata, "import commit metadata");
  try {
    const started = await rest.request(
      "post",
      "/repositories/{repository}/branches/{branch}/import",
      {
        path: { repository, branch },
        body: {
          paths,
          commit: {
            message: input.message ?? defaultMessage(input.sources),
            ...(input.metadata !== undefined ? { metadata: { ...input.metadata } } : {}),
            // Defaulted fields the spec's types require; an import makes its commit whatever it finds.
            allow_empty: false,
            force: false,
          },
          force: input.force ?? false,
        },
        signal: input.signal,
      },
      // Not idempotent: a lost answer raises OutcomeUnknownError rather than starting a second import.
      { operation: "importStart", target: { repository, ref: branch, refKind: "branch" } },
    );
    return started.id;
  } catch (err) {
    throw await refuseReadOnlyRef(rest, repository, branch, err, input.signal);
  }
}

/**
 * lakeFS answers a bare "not found" both for a missing branch and for an
 * import id it does not know: on that error path, the branch is looked up.
 */
async function importCall<T>(rest: RestClient, repository: string, branch: string, id: string, signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const precise = await pinpointMissingRef(rest, repository, [{ ref: branch, kind: "branch" }], err, signal);
    if (precise !== err || !(err instanceof NotFoundError) || err.constructor !== NotFoundError) throw precise;
    throw new NotFoundError(`No import ${JSON.stringify(id)} on branch "${branch}" of repository "${repository}"`, {
      status: 404,
      code: "ImportNotFound",
      requestId: err.requestId,
      operation: err.operation,
      cause: err,
    });
  }
}

/** Implements {@link AdminClient.importStatus}. @internal */
export async function importStatus(rest: RestClient, input: ImportStatusInput): Promise<ImportStatusInfo> {
  const { repository, branch, importId: id, ...opts } = input;
  validateRepositoryName(repository);
  validateBranchName(branch, repository);
  validateId(id, "import id");
  return importCall(rest, repository, branch, id, opts.signal, async () => {
    const { commit, ...status } = camelize(
      await rest.request(
        "get",
        "/repositories/{repository}/branches/{branch}/import",
        { path: { repository, branch }, query: { id }, signal: opts.signal },
        { operation: "importStatus", target: { repository } },
      ),
    );
    // The nested commit is a wire Commit: the same shape and Dates as every other CommitInfo.
    return commit === undefined ? status : { ...status, commit: camelize(commit) };
  });
}

/** Implements {@link AdminClient.cancelImport}. @internal */
export async function cancelImport(rest: RestClient, input: CancelImportInput): Promise<void> {
  const { repository, branch, importId: id, ...opts } = input;
  validateRepositoryName(repository);
  validateBranchName(branch, repository);
  validateId(id, "import id");
  await importCall(rest, repository, branch, id, opts.signal, () =>
    rest.request(
      "delete",
      "/repositories/{repository}/branches/{branch}/import",
      { path: { repository, branch }, query: { id }, signal: opts.signal },
      { operation: "importCancel", target: { repository } },
    ),
  );
}

/** Implements {@link AdminClient.waitForImport}. @internal */
export async function waitForImport(rest: RestClient, input: WaitForImportInput): Promise<ImportStatusInfo> {
  const { repository, branch, importId: id, ...opts } = input;
  const interval = opts.pollIntervalMs ?? 1_000;
  if (!Number.isFinite(interval) || interval < 0) {
    throw new ValidationError(`Invalid pollIntervalMs ${String(interval)}: give a number of milliseconds ≥ 0`, { code: "InvalidOption" });
  }
  for (;;) {
    throwIfAborted(opts.signal, "waitForImport");
    const status = await importStatus(rest, { repository, branch, importId: id, signal: opts.signal });
    if (status.error) {
      throw new ImportFailedError(
        `Import ${id} into "${branch}" of repository "${repository}" failed: ${status.error.message}`,
        { importId: id, repository, branch },
        { operation: "waitForImport" },
      );
    }
    if (status.completed) return status;
    opts.onProgress?.(status, id);
    await sleep(interval, opts.signal, "waitForImport");
  }
}

/** Implements {@link AdminClient.importData}. @internal */
export async function importData(rest: RestClient, input: ImportDataInput): Promise<ImportStatusInfo> {
  const { repository, branch, pollIntervalMs, onProgress, signal } = input;
  const id = await startImport(rest, input);
  try {
    return await waitForImport(rest, { repository, branch, importId: id, pollIntervalMs, onProgress, signal });
  } catch (err) {
    // This call owns the import: when it gives up (abort, a failing onProgress, a lost connection), lakeFS stops
    // the import too, best effort. A failed import has stopped already.
    if (!(err instanceof ImportFailedError)) await cancelImport(rest, { repository, branch, importId: id }).catch(() => undefined);
    throw err;
  }
}
