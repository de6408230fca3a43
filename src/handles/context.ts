import type { S3Client } from "@aws-sdk/client-s3";
import type { AdminClient } from "../admin/admin-client.js";

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
}
