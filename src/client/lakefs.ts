import type { S3Client } from "@aws-sdk/client-s3";
import { AdminClient } from "../admin/admin-client.js";
import type { PrefixListOptions } from "../admin/options.js";
import { RestClient } from "../admin/rest-client.js";
import type { RepositoryProperties } from "../admin/types.js";
import { resolveConfig } from "../config/resolve-config.js";
import type { LakeFSClientConfig, ResolvedLakeFSConfig } from "../config/types.js";
import { createGatewayS3Client } from "../gateway/create-gateway-s3-client.js";
import type { HandleContext } from "../handles/context.js";
import { Repository } from "../handles/repository.js";
import type { BucketMapping, ScopedBranchTarget } from "../gateway/branch-scope/bucket-mapping.js";
import { getBranchScopePlugin } from "../gateway/branch-scope/branch-scope-plugin.js";
import { createHttpStack, memoizeConfig, type HttpStack } from "../http/http-stack.js";
import type { CallOptions } from "../http/call-options.js";
import type { ServerFactsReader } from "../config/server-facts.js";
import { restCredentialCheck } from "./rest-credential-check.js";
import { serverFactsReader } from "./server-facts.js";
import { serverVersionVerdict, type ServerVersionVerdict } from "./server-version.js";
import { dataPathProblem, isDataPath, type DataPath } from "../config/data-path.js";
import { ConfigurationError } from "../errors/input-errors.js";

/**
 * The entry point: one lakeFS client with one configuration and one HTTP
 * stack, shared by the S3 gateway client ({@link LakeFS.s3}) and the REST
 * client ({@link LakeFS.admin}). Creating it sends nothing; the configuration
 * resolves on the first call.
 *
 * @example
 * ```ts
 * const lakefs = new LakeFS();   // LAKECTL_* env or ~/.lakectl.yaml
 * const repo = await lakefs.repository("my-repo").create({ storageNamespace: "s3://bucket/my-repo" });
 * await repo.branch("main").object("hello.txt").upload("hello");
 * ```
 *
 * @public
 */
export class LakeFS {
  readonly #stack: HttpStack;
  readonly #serverFacts: ServerFactsReader;
  #versionVerdict: Promise<ServerVersionVerdict> | undefined;
  readonly #dataPath: DataPath;
  #s3: S3Client | undefined;
  #rest: RestClient | undefined;
  #admin: AdminClient | undefined;
  #handleContext: HandleContext | undefined;
  /** This client's REST client, for what its gateway client and server-facts reader ask over REST. */
  readonly #restClient = (): Promise<RestClient> => Promise.resolve(this.rest);

  /**
   * @param config - Explicit settings; anything left out comes from `LAKECTL_*`
   *   environment variables, then `~/.lakectl.yaml`, then defaults.
   */
  constructor(config: LakeFSClientConfig = {}) {
    this.#stack = createHttpStack(memoizeConfig(() => resolveConfig(config)));
    this.#serverFacts = serverFactsReader(this.#restClient);
    const dataPath = config.dataPath ?? "auto";
    // Checked here, where the option was given, not at the first object call.
    if (!isDataPath(dataPath)) throw new ConfigurationError(`${dataPathProblem(dataPath)} (from the dataPath option)`, { code: "InvalidOption" });
    this.#dataPath = dataPath;
  }

  /**
   * The server's version and storage configuration, read with one
   * `GET /api/v1/config` on first use and shared by everything this client
   * makes (its S3 clients decide per server which operations to refuse).
   *
   * @internal
   */
  get serverFacts(): ServerFactsReader {
    return this.#serverFacts;
  }

  /** The resolved configuration: endpoint, where each setting came from, timeouts. Secrets stay inside the credential provider. */
  config(): Promise<ResolvedLakeFSConfig> {
    return this.#stack.config();
  }

  /**
   * An `S3Client` configured for the gateway, for existing S3 code: the bucket
   * is the repository and the first key segment the ref. Shares sockets with
   * the REST client.
   */
  get s3(): S3Client {
    this.#s3 ??= this.#gatewayClient();
    return this.#s3;
  }

  /**
   * A new `S3Client` on which plain S3 code works on one lakeFS branch
   * unchanged: the bucket the code names maps to `target.repository`, keys
   * get `target.branch/` on the way in and lose it on the way out (listings,
   * multipart, copies, batch deletes, presigned URLs). Strict by default: the
   * client binds to `target.bucket` (or the first bucket name it sees),
   * refuses a second name with a `ValidationError` (`BucketNotBound`) naming
   * both, and ListBuckets lists only its own bucket; `anyBucket: true` maps
   * every name to the branch instead.
   *
   * @example
   * ```ts
   * const s3 = lakefs.s3ForBranch({ repository: "analytics", branch: "etl-2026-11-25" });
   * await s3.send(new PutObjectCommand({ Bucket: "my-data", Key: "path/x.csv", Body }));   // lands on analytics/etl-2026-11-25/path/x.csv
   * ```
   */
  s3ForBranch(target: ScopedBranchTarget): S3Client {
    return this.s3ForBuckets(target);
  }

  /**
   * Like {@link LakeFS.s3ForBranch}, with a table from the bucket names used in
   * the code to branches: `{ "raw-data": { repository: "lake", branch: "dev" } }`.
   * A bucket missing from the table fails with a ValidationError.
   */
  s3ForBuckets(mapping: BucketMapping): S3Client {
    const client = this.#gatewayClient();
    client.middlewareStack.use(getBranchScopePlugin(mapping));
    return client;
  }

  /** The typed REST client for `/api/v1`, for calls that {@link LakeFS.admin} does not wrap. */
  get rest(): RestClient {
    this.#rest ??= new RestClient(this.#stack);
    return this.#rest;
  }

  /** Version control over REST: repositories, branches, commits, diff, merge, tags. */
  get admin(): AdminClient {
    this.#admin ??= new AdminClient(this.rest);
    return this.#admin;
  }

  /** A handle on a repository. Sends nothing until an action is called. */
  repository(name: string): Repository {
    return new Repository(this.#context(), name);
  }

  /** Every repository the credentials can see, with its properties, fetched page by page. */
  repositories(options: PrefixListOptions = {}): AsyncIterable<RepositoryProperties> {
    return this.admin.listRepositories(options);
  }

  /**
   * The toolkit's verdict on the server's version (`{ supported, message }`), read once per
   * client (`GET /api/v1/config`); a failed read is not remembered. `supported: false` means
   * the server is older than the toolkit supports: the message says which version to run.
   */
  checkServerVersion(options: CallOptions = {}): Promise<ServerVersionVerdict> {
    const verdict = (this.#versionVerdict ??= this.#serverFacts({ signal: options.signal }).then(({ version }) => serverVersionVerdict(version ?? "(none)")));
    // A failed or aborted read is not remembered.
    verdict.catch(() => {
      if (this.#versionVerdict === verdict) this.#versionVerdict = undefined;
    });
    return verdict;
  }

  /** @internal The shared HTTP stack (for tools such as `doctor`). */
  get httpStack(): HttpStack {
    return this.#stack;
  }

  /** Closes idle sockets. The client should not be used afterwards. */
  destroy(): void {
    this.#s3?.destroy();
    this.#stack.destroy();
  }

  #gatewayClient(): S3Client {
    return createGatewayS3Client(this.#stack, { checkCredentials: restCredentialCheck(this.#restClient), serverFacts: this.#serverFacts });
  }

  #context(): HandleContext {
    // The gateway client is made on first use: the handles' small reads and writes go over REST.
    const client = (): S3Client => this.s3;
    this.#handleContext ??= {
      get s3() {
        return client();
      },
      admin: this.admin,
      rest: this.rest,
      stack: this.#stack,
      dataPath: this.#dataPath,
      serverFacts: this.#serverFacts,
    };
    return this.#handleContext;
  }
}
