/**
 * Shared helpers of the admin integration tests: a client factory, a REST
 * client that counts the requests it sends (real requests, nothing mocked),
 * and a gateway write helper.
 */
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { AdminClient } from "../../src/admin.js";
import { RestClient, restOperationName, type RawRestRequestInit, type RawRestResponse, type RestCallMeta } from "../../src/admin/rest-client.js";
import type { HttpMethod, OperationAt, PathsWithMethod, RestRequestInit, SuccessBody } from "../../src/admin/rest-types.js";
import type { LakeFS } from "../../src/index.js";
import { testClient, uniqueNamespace, uniqueRepoName, type LakeFSServer } from "./lakefs.js";

/** What a call failed with (shared with the other test files). */
export { rejection } from "./rejection.js";

/** A {@link RestClient} that records the operation of every request it sends, then sends it. */
export class CountingRestClient extends RestClient {
  readonly operations: string[] = [];

  override request<M extends HttpMethod, P extends PathsWithMethod<M>>(
    method: M,
    path: P,
    init: RestRequestInit<OperationAt<P, M>>,
    meta: RestCallMeta = {},
  ): Promise<SuccessBody<OperationAt<P, M>>> {
    this.operations.push(restOperationName(method, path, meta));
    return super.request(method, path, init, meta);
  }

  override requestRaw(method: HttpMethod, path: string, init: RawRestRequestInit, meta: RestCallMeta = {}): Promise<RawRestResponse> {
    this.operations.push(restOperationName(method, path, meta));
    return super.requestRaw(method, path, init, meta);
  }

  /** How many requests of this operation were sent. */
  count(operation: string): number {
    return this.operations.filter((op) => op === operation).length;
  }
}

/** Everything a test needs to talk to the server. */
export interface AdminHarness {
  readonly lakefs: LakeFS;
  readonly admin: AdminClient;
  readonly counting: CountingRestClient;
  /** An AdminClient over {@link AdminHarness.counting}. */
  readonly countingAdmin: AdminClient;
  /** Writes one object through the S3 gateway. */
  put(repository: string, branch: string, path: string, body: string): Promise<void>;
  /** Creates a repository with a unique name and namespace; returns its name. */
  newRepo(prefix?: string): Promise<string>;
  destroy(): void;
}

/** Builds the clients for a running server. */
export function adminHarness(server: LakeFSServer): AdminHarness {
  const lakefs = testClient(server);
  const admin = new AdminClient(lakefs.rest);
  const counting = new CountingRestClient(lakefs.httpStack);
  return {
    lakefs,
    admin,
    counting,
    countingAdmin: new AdminClient(counting),
    async put(repository, branch, path, body) {
      await lakefs.s3.send(new PutObjectCommand({ Bucket: repository, Key: `${branch}/${path}`, Body: body }));
    },
    async newRepo(prefix = "adm") {
      const name = uniqueRepoName(prefix);
      await admin.createRepository({ repository: name, storageNamespace: uniqueNamespace(name), defaultBranch: "main" });
      return name;
    },
    destroy() {
      lakefs.destroy();
    },
  };
}
