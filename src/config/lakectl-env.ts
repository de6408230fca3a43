/**
 * Environment variables lakectl reads, and so does the toolkit.
 *
 * @internal
 */
export const ENV = {
  endpoint: "LAKECTL_SERVER_ENDPOINT_URL",
  accessKeyId: "LAKECTL_CREDENTIALS_ACCESS_KEY_ID",
  secretAccessKey: "LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY",
  configFile: "LAKECTL_CONFIG_FILE",
} as const;
