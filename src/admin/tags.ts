import { ConflictError } from "../errors/conflict-errors.js";
import { validateRef, validateRepositoryName, validateTagName } from "../validation/names.js";
import { camelize } from "./camelize.js";
import type { CreateTagOptions, DeleteOptions, PrefixListOptions } from "./options.js";
import { pageAmount } from "./page-query.js";
import { paginate } from "./paginate.js";
import type { RestClient } from "./rest-client.js";
import type { CallOptions } from "../http/call-options.js";
import type { RefInfo } from "./types.js";

/** Implements {@link AdminClient.createTag}. @internal */
export async function createTag(rest: RestClient, repository: string, id: string, ref: string, opts: CreateTagOptions = {}): Promise<RefInfo> {
  validateRepositoryName(repository);
  validateTagName(id);
  validateRef(ref);
  try {
    const tag = await rest.request(
      "post",
      "/repositories/{repository}/tags",
      { path: { repository }, body: { id, ref, force: opts.force ?? false }, signal: opts.signal },
      // A 404 here is about the ref being tagged: the tag does not exist yet.
      { operation: "createTag", target: { repository, ref, refKind: "ref" }, idempotent: opts.existOk === true },
    );
    return camelize(tag);
  } catch (err) {
    if (opts.existOk && err instanceof ConflictError) return getTag(rest, repository, id, { signal: opts.signal });
    throw err;
  }
}

/** Implements {@link AdminClient.getTag}. @internal */
export async function getTag(rest: RestClient, repository: string, id: string, opts: CallOptions = {}): Promise<RefInfo> {
  validateRepositoryName(repository);
  validateTagName(id);
  const tag = await rest.request(
    "get",
    "/repositories/{repository}/tags/{tag}",
    { path: { repository, tag: id }, signal: opts.signal },
    { operation: "getTag", target: { repository, ref: id, refKind: "tag" } },
  );
  return camelize(tag);
}

/** Implements {@link AdminClient.listTags}. @internal */
export function listTags(rest: RestClient, repository: string, opts: PrefixListOptions = {}): AsyncIterable<RefInfo> {
  validateRepositoryName(repository);
  const amount = pageAmount(opts);
  return paginate(async (after) => {
    const page = await rest.request(
      "get",
      "/repositories/{repository}/tags",
      { path: { repository }, query: { prefix: opts.prefix, after, amount }, signal: opts.signal },
      { operation: "listTags", target: { repository } },
    );
    return { results: page.results.map((r) => camelize(r)), pagination: page.pagination };
  }, opts);
}

/** Implements {@link AdminClient.deleteTag}. @internal */
export async function deleteTag(rest: RestClient, repository: string, id: string, opts: DeleteOptions = {}): Promise<void> {
  validateRepositoryName(repository);
  validateTagName(id);
  await rest.request(
    "delete",
    "/repositories/{repository}/tags/{tag}",
    { path: { repository, tag: id }, query: { force: opts.force }, signal: opts.signal },
    { operation: "deleteTag", target: { repository, ref: id, refKind: "tag" } },
  );
}
