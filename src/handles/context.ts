import type { S3Client } from "@aws-sdk/client-s3";
import type { AdminClient } from "../admin/admin-client.js";
import type { RestClient } from "../admin/rest-client.js";
import type { DataPath } from "../config/data-path.js";
import type { ServerFactsReader } from "../config/server-facts.js";
import type { HttpStack } from "../http/http-stack.js";

/**
 * What every handle shares: the gateway S3 client for object data and the
 * admin client for version control. Handles hold it and send nothing until
 * an action is called.
 *
 * @internal
 */
export interface HandleContext {
  readonly s3: S3Client;
  readonly admin: AdminClient;
  /** The REST client under {@link HandleContext.admin}, for small objects over the REST object endpoints. */
  readonly rest: RestClient;
  /** The shared HTTP stack, for object-store requests on presigned URLs. */
  readonly stack: HttpStack;
  /** The client's data path setting (`"auto"` when not configured). */
  readonly dataPath: DataPath;
  /** The server's version and storage configuration, read once per client and shared with its S3 clients. */
  readonly serverFacts: ServerFactsReader;
}

/**
 * The presigning abilities of the server's blockstore.
 *
 * @internal
 */
export interface PresignFacts {
  /** `pre_sign_support`: presigned GET and PUT URLs. */
  readonly presign: boolean;
  /** `pre_sign_multipart_upload`: presigned multipart uploads. */
  readonly multipart: boolean;
}
