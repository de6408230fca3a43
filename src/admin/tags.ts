import { ConflictError } from "../errors/conflict-errors.js";
import { validateRef, validateRepositoryName, validateTagName } from "../validation/names.js";
import { camelize } from "./camelize.js";
import type { CreateTagInput, DeleteTagInput, GetTagInput, ListTagsInput } from "./options.js";
import { pageAmount } from "./page-query.js";
import { paginate } from "./paginate.js";
import type { RestClient } from "./rest-client.js";
import type { RefInfo } from "./types.js";

/** Implements {@link AdminClient.createTag}. @internal */
export async function createTag(rest: RestClient, input: CreateTagInput): Promise<RefInfo> {
  const { repository, tag: id, source: ref, signal, ...opts } = input;
  validateRepositoryName(repository);
  validateTagName(id);
  validateRef(ref);
  try {
    const tag = await rest.request(
      "post",
      "/repositories/{repository}/tags",
      { path: { repository }, body: { id, ref, force: opts.force ?? false }, signal },
      // A 404 here is about the ref being tagged: the tag does not exist yet.
      { operation: "createTag", target: { repository, ref, refKind: "ref" }, idempotent: opts.existOk === true },
    );
    return camelize(tag);
  } catch (err) {
    if (opts.existOk && err instanceof ConflictError) return getTag(rest, { repository, tag: id, signal });
    throw err;
  }
}

/** Implements {@link AdminClient.getTag}. @internal */
export async function getTag(rest: RestClient, input: GetTagInput): Promise<RefInfo> {
  const { repository, tag, signal } = input;
  validateRepositoryName(repository);
  validateTagName(tag);
  const found = await rest.request(
    "get",
    "/repositories/{repository}/tags/{tag}",
    { path: { repository, tag }, signal },
    { operation: "getTag", target: { repository, ref: tag, refKind: "tag" } },
  );
  return camelize(found);
}

/** Implements {@link AdminClient.listTags}. @internal */
export function listTags(rest: RestClient, input: ListTagsInput): AsyncIterable<RefInfo> {
  const { repository, ...opts } = input;
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
export async function deleteTag(rest: RestClient, input: DeleteTagInput): Promise<void> {
  const { repository, tag, force, signal } = input;
  validateRepositoryName(repository);
  validateTagName(tag);
  await rest.request(
    "delete",
    "/repositories/{repository}/tags/{tag}",
    { path: { repository, tag }, query: { force }, signal },
    { operation: "deleteTag", target: { repository, ref: tag, refKind: "tag" } },
  );
}
