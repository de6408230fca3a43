import type { ResolvedLakeFSConfig } from "../config/types.js";
import { ValidationError } from "../errors/input-errors.js";
import { formatBoto3 } from "./format-boto3.js";
import { formatEnv } from "./format-env.js";
import { formatProfile } from "./format-profile.js";
import { resolveAwsSettings } from "./resolve-aws-settings.js";

/**
 * Shapes of {@link formatAwsSettings} output.
 *
 * - `"env"`: POSIX shell `export` lines (`AWS_ACCESS_KEY_ID`,
 *   `AWS_SECRET_ACCESS_KEY`, `AWS_ENDPOINT_URL_S3`, `AWS_REGION`,
 *   `AWS_DEFAULT_REGION`, `AWS_REQUEST_CHECKSUM_CALCULATION`,
 *   `AWS_RESPONSE_CHECKSUM_VALIDATION`, and botocore's
 *   `BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE`, without which the AWS CLI and boto3
 *   stall for a minute after uploading an empty file), ready for `eval "$(…)"`.
 * - `"profile"`: a named profile in two parts, one for `~/.aws/config` and
 *   one for `~/.aws/credentials`, each introduced by a comment line naming
 *   its file.
 * - `"boto3"`: Python that creates a boto3 S3 client named `s3`.
 *
 * @public
 */
export type AwsSettingsFormat = "env" | "profile" | "boto3";

/**
 * Options of {@link formatAwsSettings}.
 *
 * @public
 */
export interface FormatAwsSettingsOptions {
  /** Output shape. Default `"env"`. */
  readonly format?: AwsSettingsFormat;
  /** Profile name for the `"profile"` format. Default `"lakefs"`; `"default"` writes the `[default]` sections. */
  readonly profile?: string;
  /**
   * Replace the secret access key (and a session token) with
   * {@link MASKED_SECRET}, to show the settings without revealing the secret,
   * for example in logs or screenshots. The masked snippet does not
   * authenticate. Default `false`: the point of the snippet is to be used,
   * so the secret is printed as it is.
   */
  readonly maskSecret?: boolean;
}

/**
 * What stands in for the secret when `maskSecret` is set.
 *
 * @public
 */
export const MASKED_SECRET = "<masked>";

const FORMATS: readonly AwsSettingsFormat[] = ["env", "profile", "boto3"];

/**
 * Settings that let existing S3 tools (the AWS CLI, boto3, AWS SDKs) work
 * against lakeFS's S3 gateway, for the given resolved configuration: the
 * gateway endpoint, the lakeFS keys, the signing region, path-style
 * addressing and the checksum behaviour the toolkit uses
 * (`request_checksum_calculation` / `response_checksum_validation`, from the
 * `checksums` option, `when_required` by default).
 *
 * The output holds the secret access key in clear text unless `maskSecret`
 * is set: print it only where the user asked for it.
 *
 * @example
 * ```ts
 * const lakefs = new LakeFS();
 * process.stdout.write(await formatAwsSettings(await lakefs.config(), { format: "env" }));
 * // eval "$(node print-env.js)"; aws s3 ls s3://my-repo/main/
 * ```
 *
 * @param config - A resolved configuration (`await lakefs.config()` or `await resolveConfig()`).
 * @param options - Format, profile name, masking.
 * @returns The snippet, ending with a newline.
 * @throws `ValidationError` for an unknown format or a profile name that cannot be written.
 * @public
 */
export async function formatAwsSettings(config: ResolvedLakeFSConfig, options: FormatAwsSettingsOptions = {}): Promise<string> {
  const format = options.format ?? "env";
  if (!FORMATS.includes(format)) {
    throw new ValidationError(`Unknown AWS settings format "${String(format)}": use ${FORMATS.map((f) => `"${f}"`).join(", ")}`, {
      code: "InvalidAwsSettingsFormat",
    });
  }
  const settings = await resolveAwsSettings(config);
  const secret = options.maskSecret === true ? () => MASKED_SECRET : (value: string) => value;
  switch (format) {
    case "env":
      return formatEnv(settings, secret);
    case "profile":
      return formatProfile(settings, options.profile ?? "lakefs", secret);
    case "boto3":
      return formatBoto3(settings, secret);
  }
}
