import { ConflictError } from "../errors/conflict-errors.js";
import { validateBranchName, validateRepositoryName, validateStorageNamespace } from "../validation/names.js";
import { validateCommitMetadata } from "../validation/metadata.js";
import { camelize } from "./camelize.js";
import type { CreateRepositoryInput, DeleteOptions, PrefixListOptions } from "./options.js";
import { pageAmount } from "./page-query.js";
import { paginate } from "./paginate.js";
import type { RestClient } from "./rest-client.js";
import type { CallOptions } from "../http/call-options.js";
import type { RepositoryInfo } from "./types.js";

/** Implements {@link AdminClient.createRepository}. @internal */
export async function createRepository(rest: RestClient, input: CreateRepositoryInput): Promise<RepositoryInfo> {
  const { name, storageNamespace, defaultBranch, includeSamples, readOnly, existOk, signal } = input;
  validateRepositoryName(name);
  validateStorageNamespace(storageNamespace);
  if (defaultBranch !== undefined) validateBranchName(defaultBranch);
  try {
    const created = await rest.request(
      "post",
      "/repositories",
      {
        body: {
          name,
          storage_namespace: storageNamespace,
          ...(defaultBranch !== undefined ? { default_branch: defaultBranch } : {}),
          sample_data: includeSamples ?? false,
          read_only: readOnly ?? false,
        },
        signal,
      },
      // With existOk a repeat after a lost response lands on the 409 path, so it is safe.
      { operation: "createRepository", target: { repository: name }, idempotent: existOk === true },
    );
    return camelize(created);
  } catch (err) {
    if (existOk && err instanceof ConflictError) return getRepository(rest, name, { signal });
    throw err;
  }
}

/** Implements {@link AdminClient.getRepository}. @internal */
export async function getRepository(rest: RestClient, name: string, opts: CallOptions = {}): Promise<RepositoryInfo> {
  validateRepositoryName(name);
  const repo = await rest.request(
    "get",
    "/repositories/{repository}",
    { path: { repository: name }, signal: opts.signal },
    { operation: "getRepository", target: { repository: name } },
  );
  return camelize(repo);
}

/** Implements {@link AdminClient.listRepositories}. @internal */
export function listRepositories(rest: RestClient, opts: PrefixListOptions = {}): AsyncIterable<RepositoryInfo> {
  const amount = pageAmount(opts);
  return paginate(async (after) => {
    const page = await rest.request(
      "get",
      "/repositories",
      { query: { prefix: opts.prefix, after, amount }, signal: opts.signal },
      { operation: "listRepositories" },
    );
    return { results: page.results.map((r) => camelize(r)), pagination: page.pagination };
  }, opts);
}

/** Implements {@link AdminClient.deleteRepository}. @internal */
export async function deleteRepository(rest: RestClient, name: string, opts: DeleteOptions = {}): Promise<void> {
  validateRepositoryName(name);
  await rest.request(
    "delete",
    "/repositories/{repository}",
    { path: { repository: name }, query: { force: opts.force }, signal: opts.signal },
    { operation: "deleteRepository", target: { repository: name } },
  );
}

/** Implements {@link AdminClient.getRepositoryMetadata}. @internal */
export async function getRepositoryMetadata(rest: RestClient, name: string, opts: CallOptions = {}): Promise<Record<string, string>> {
  validateRepositoryName(name);
  const metadata = await rest.request(
    "get",
    "/repositories/{repository}/metadata",
    { path: { repository: name }, signal: opts.signal },
    { operation: "getRepositoryMetadata", target: { repository: name } },
  );
  // User data: keys stay exactly as stored.
  return { ...metadata };
}

/** Implements {@link AdminClient.setRepositoryMetadata}. @internal */
export async function setRepositoryMetadata(
  rest: RestClient,
  name: string,
  metadata: Readonly<Record<string, string>>,
  opts: CallOptions = {},
): Promise<void> {
  validateRepositoryName(name);
  validateCommitMetadata(metadata, "repository metadata");
  await rest.request(
    "post",
    "/repositories/{repository}/metadata",
    { path: { repository: name }, body: { metadata: { ...metadata } }, signal: opts.signal },
    // Setting the same keys twice has the same effect as once.
    { operation: "setRepositoryMetadata", target: { repository: name }, idempotent: true },
  );
}
