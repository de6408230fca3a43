import { validateBranchName, validateObjectPath, validateRef, validateRepositoryName } from "../validation/names.js";
import { camelize } from "./camelize.js";
import type { DiffInput, LogInput, UncommittedInput } from "./options.js";
import { pageAmount } from "./page-query.js";
import { paginate, type Page } from "./paginate.js";
import { pinpointMissingRef } from "./pinpoint-missing-ref.js";
import type { RestClient } from "./rest-client.js";
import type { components } from "./generated/openapi.js";
import type { CommitInfo, DiffEntry } from "./types.js";

type WireDiff = components["schemas"]["Diff"];

/** A wire diff entry in camelCase, its `right` stats too (they hold no user keys besides `metadata`, kept as is). @internal */
export function toDiffEntry(wire: WireDiff): DiffEntry {
  const { right, ...fields } = camelize(wire);
  return right === undefined ? fields : { ...fields, right: camelize(right) };
}

function diffPage(page: components["schemas"]["DiffList"]): Page<DiffEntry> {
  return { results: page.results.map(toDiffEntry), pagination: page.pagination };
}

/** Implements {@link AdminClient.log}. @internal */
export function log(rest: RestClient, input: LogInput): AsyncIterable<CommitInfo> {
  const { repository, ref, ...opts } = input;
  validateRepositoryName(repository);
  validateRef(ref);
  for (const path of opts.objects ?? []) validateObjectPath(path);
  if (opts.stopAt !== undefined) validateRef(opts.stopAt);
  const amount = pageAmount(opts);
  const query = {
    amount,
    objects: opts.objects ? [...opts.objects] : undefined,
    prefixes: opts.prefixes ? [...opts.prefixes] : undefined,
    first_parent: opts.firstParent,
    since: opts.since?.toISOString(),
    stop_at: opts.stopAt,
  };
  return paginate(async (after) => {
    const page = await rest.request(
      "get",
      "/repositories/{repository}/refs/{ref}/commits",
      { path: { repository, ref }, query: { ...query, after }, signal: opts.signal },
      { operation: "log", target: { repository, ref, refKind: "ref" } },
    );
    return { results: page.results.map((c) => camelize(c)), pagination: page.pagination };
  }, opts);
}

/** Implements {@link AdminClient.diff}. @internal */
export function diff(rest: RestClient, input: DiffInput): AsyncIterable<DiffEntry> {
  const { repository, leftRef, rightRef, ...opts } = input;
  validateRepositoryName(repository);
  validateRef(leftRef);
  validateRef(rightRef);
  const amount = pageAmount(opts);
  return paginate(async (after) => {
    try {
      const page = await rest.request(
        "get",
        "/repositories/{repository}/refs/{leftRef}/diff/{rightRef}",
        {
          path: { repository, leftRef, rightRef },
          query: { after, amount, prefix: opts.prefix, delimiter: opts.delimiter, type: opts.type },
          signal: opts.signal,
        },
        { operation: "diff", target: { repository, ref: rightRef, refKind: "ref" } },
      );
      return diffPage(page);
    } catch (err) {
      throw await pinpointMissingRef(rest, repository, [{ ref: leftRef, kind: "ref" }, { ref: rightRef, kind: "ref" }], err, opts.signal);
    }
  }, opts);
}

/** Implements {@link AdminClient.uncommitted}. @internal */
export function uncommitted(rest: RestClient, input: UncommittedInput): AsyncIterable<DiffEntry> {
  const { repository, branch, ...opts } = input;
  validateRepositoryName(repository);
  validateBranchName(branch, repository);
  const amount = pageAmount(opts);
  return paginate(async (after) => {
    const page = await rest.request(
      "get",
      "/repositories/{repository}/branches/{branch}/diff",
      { path: { repository, branch }, query: { after, amount, prefix: opts.prefix, delimiter: opts.delimiter }, signal: opts.signal },
      { operation: "uncommitted", target: { repository, ref: branch, refKind: "branch" } },
    );
    return diffPage(page);
  }, opts);
}
