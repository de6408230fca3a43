import type { ChecksumMode, ResolvedLakeFSConfig } from "../config/types.js";
import { displayUrl } from "../errors/redact.js";

/**
 * The values AWS tools (the AWS CLI, boto3, AWS SDKs) need to talk to
 * lakeFS's S3 gateway, taken from a resolved lakeFS configuration.
 *
 * @public
 */
export interface AwsSettings {
  /** The S3 endpoint: the lakeFS server URL, such as `http://127.0.0.1:8000`. */
  readonly endpointUrl: string;
  /** Signing region (`us-east-1` unless configured otherwise). */
  readonly region: string;
  /** lakeFS access key id. */
  readonly accessKeyId: string;
  /** lakeFS secret access key. */
  readonly secretAccessKey: string;
  /** Session token, when the credential provider returned one. */
  readonly sessionToken?: string | undefined;
  /** Always `"path"`: the bucket is the repository, in the URL path. */
  readonly addressingStyle: "path";
  /** `request_checksum_calculation` for botocore and the AWS CLI (from the `checksums` option). */
  readonly requestChecksumCalculation: ChecksumMode;
  /** `response_checksum_validation` for botocore and the AWS CLI (from the `checksums` option). */
  readonly responseChecksumValidation: ChecksumMode;
  /**
   * Settings of the lakeFS client that the AWS tools do not take from these
   * snippets (extra CA certificates, disabled TLS verification, a proxy), in
   * words. Printed as comments.
   */
  readonly notes: readonly string[];
}

/**
 * Reads the credentials (calling the configuration's credential provider) and
 * collects what AWS tools need. Sends nothing to lakeFS.
 *
 * @public
 */
export async function resolveAwsSettings(config: ResolvedLakeFSConfig): Promise<AwsSettings> {
  const identity = await config.credentials();
  const notes: string[] = [];
  if (config.caCerts.length > 0) {
    notes.push(
      "The lakeFS client trusts extra CA certificates: save them in a PEM file and point AWS_CA_BUNDLE " +
        "(ca_bundle in a profile, verify= in boto3) at it.",
    );
  }
  if (config.insecure) {
    notes.push("TLS verification is off for the lakeFS client (insecure): the AWS CLI needs --no-verify-ssl, boto3 verify=False. Not for production.");
  }
  if (typeof config.proxy === "string") {
    notes.push(`The lakeFS client goes through the proxy ${displayUrl(config.proxy)}: set HTTPS_PROXY/HTTP_PROXY for AWS tools too.`);
  } else if (config.proxy === false) {
    notes.push("The lakeFS client ignores proxy variables (proxy: false): AWS tools still honour HTTPS_PROXY/HTTP_PROXY/NO_PROXY.");
  }
  return {
    endpointUrl: config.serverUrl,
    region: config.region,
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    sessionToken: identity.sessionToken,
    addressingStyle: "path",
    requestChecksumCalculation: config.checksums,
    responseChecksumValidation: config.checksums,
    notes,
  };
}
