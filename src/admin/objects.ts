import { validateObjectPath, validateRef, validateRepositoryName } from "../validation/names.js";
import { camelize } from "./camelize.js";
import { pinpointMissingRef } from "./pinpoint-missing-ref.js";
import type { RestClient } from "./rest-client.js";
import type { CallOptions } from "../http/call-options.js";
import type { ObjectStats } from "./types.js";

/** Implements {@link AdminClient.statObject}. @internal */
export async function statObject(rest: RestClient, repository: string, ref: string, path: string, opts: CallOptions = {}): Promise<ObjectStats> {
  validateRepositoryName(repository);
  validateRef(ref);
  validateObjectPath(path);
  try {
    const stats = await rest.request(
      "get",
      "/repositories/{repository}/refs/{ref}/objects/stat",
      { path: { repository, ref }, query: { path, user_metadata: true }, signal: opts.signal },
      { operation: "statObject", target: { repository, ref, refKind: "ref", path } },
    );
    return camelize(stats);
  } catch (err) {
    // lakeFS answers the same bare "not found" for a missing ref and a missing object.
    throw await pinpointMissingRef(rest, repository, [{ ref, kind: "ref" }], err, opts.signal);
  }
}
