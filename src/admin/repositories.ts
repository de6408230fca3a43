import { ConflictError } from "../errors/conflict-errors.js";
import { validateBranchName, validateRepositoryName, validateStorageNamespace } from "../validation/names.js";
import { validateCommitMetadata } from "../validation/metadata.js";
import { camelize } from "./camelize.js";
import type { CreateRepositoryInput, DeleteRepositoryInput, GetRepositoryMetadataInput, GetRepositoryPropertiesInput, ListRepositoriesInput, SetRepositoryMetadataInput } from "./options.js";
import { pageAmount } from "./page-query.js";
import { paginate } from "./paginate.js";
import type { RestClient } from "./rest-client.js";
import type { RepositoryProperties } from "./types.js";

/** Implements {@link AdminClient.createRepository}. @internal */
export async function createRepository(rest: RestClient, input: CreateRepositoryInput): Promise<RepositoryProperties> {
  const { repository: name, storageNamespace, defaultBranch, includeSamples, readOnly, existOk, signal } = input;
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
    if (existOk && err instanceof ConflictError) return getRepositoryProperties(rest, { repository: name, signal });
    throw err;
  }
}

/** Implements {@link AdminClient.getRepositoryProperties}. @internal */
export async function getRepositoryProperties(rest: RestClient, input: GetRepositoryPropertiesInput): Promise<RepositoryProperties> {
  const { repository, signal } = input;
  validateRepositoryName(repository);
  const repo = await rest.request(
    "get",
    "/repositories/{repository}",
    { path: { repository }, signal },
    { operation: "getRepositoryProperties", target: { repository } },
  );
  return camelize(repo);
}

/** Implements {@link AdminClient.listRepositories}. @internal */
export function listRepositories(rest: RestClient, opts: ListRepositoriesInput = {}): AsyncIterable<RepositoryProperties> {
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
export async function deleteRepository(rest: RestClient, input: DeleteRepositoryInput): Promise<void> {
  const { repository, force, signal } = input;
  validateRepositoryName(repository);
  await rest.request(
    "delete",
    "/repositories/{repository}",
    { path: { repository }, query: { force }, signal },
    { operation: "deleteRepository", target: { repository } },
  );
}

/** Implements {@link AdminClient.getRepositoryMetadata}. @internal */
export async function getRepositoryMetadata(rest: RestClient, input: GetRepositoryMetadataInput): Promise<Record<string, string>> {
  const { repository, signal } = input;
  validateRepositoryName(repository);
  const metadata = await rest.request(
    "get",
    "/repositories/{repository}/metadata",
    { path: { repository }, signal },
    { operation: "getRepositoryMetadata", target: { repository } },
  );
  // User data: keys stay exactly as stored.
  return { ...metadata };
}

/** Implements {@link AdminClient.setRepositoryMetadata}. @internal */
export async function setRepositoryMetadata(rest: RestClient, input: SetRepositoryMetadataInput): Promise<void> {
  const { repository, metadata, signal } = input;
  validateRepositoryName(repository);
  validateCommitMetadata(metadata, "repository metadata");
  await rest.request(
    "post",
    "/repositories/{repository}/metadata",
    { path: { repository }, body: { metadata: { ...metadata } }, signal },
    // Setting the same keys twice has the same effect as once.
    { operation: "setRepositoryMetadata", target: { repository }, idempotent: true },
  );
}
