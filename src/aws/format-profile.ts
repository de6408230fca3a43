import { ValidationError } from "../errors/input-errors.js";
import type { AwsSettings } from "./resolve-aws-settings.js";
import { BOTOCORE_EMPTY_BODY, BOTOCORE_EMPTY_BODY_WHY } from "./botocore-empty-body.js";
import { comments, iniValue } from "./quote.js";

/** Profile names that fit in `[profile …]` and `[…]` section headers. */
const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.+@-]*$/;

/**
 * A named profile for the shared AWS config files: a `~/.aws/config` part
 * (region, checksum settings, path-style addressing, and a `services`
 * section that points only S3 at lakeFS) and a `~/.aws/credentials` part
 * (the keys). The parts are introduced by the comment lines
 * `# ~/.aws/config` and `# ~/.aws/credentials`. {@link BOTOCORE_EMPTY_BODY}
 * has no config-file setting: a comment asks for it in the environment.
 *
 * @internal
 */
export function formatProfile(settings: AwsSettings, profile: string, secret: (value: string) => string): string {
  if (!PROFILE_NAME.test(profile)) {
    throw new ValidationError(`AWS profile name "${profile}" must be letters, digits and _.+@- (no blanks or brackets)`, {
      code: "InvalidAwsProfileName",
    });
  }
  const header = profile === "default" ? "[default]" : `[profile ${profile}]`;
  const services = `${profile}-gateway`;
  const config = [
    header,
    `region = ${iniValue(settings.region, "The region")}`,
    `services = ${services}`,
    `request_checksum_calculation = ${settings.requestChecksumCalculation}`,
    `response_checksum_validation = ${settings.responseChecksumValidation}`,
    "s3 =",
    `  addressing_style = ${settings.addressingStyle}`,
    "",
    `[services ${services}]`,
    "s3 =",
    `  endpoint_url = ${iniValue(settings.endpointUrl, "The endpoint URL")}`,
  ];
  const credentials = [
    `[${profile}]`,
    `aws_access_key_id = ${iniValue(settings.accessKeyId, "The access key id")}`,
    `aws_secret_access_key = ${iniValue(secret(settings.secretAccessKey), "The secret access key")}`,
    ...(settings.sessionToken ? [`aws_session_token = ${iniValue(secret(settings.sessionToken), "The session token")}`] : []),
  ];
  const usage = profile === "default" ? "aws s3 ls s3://<repository>/<branch>/" : `aws --profile ${profile} s3 ls s3://<repository>/<branch>/`;
  return [
    ...comments([
      `AWS profile "${profile}" for the lakeFS S3 gateway at ${settings.endpointUrl}. Use: ${usage}`,
      `Also export ${BOTOCORE_EMPTY_BODY.name}=${BOTOCORE_EMPTY_BODY.value} for the AWS CLI and boto3 (it has no config-file setting).`,
      BOTOCORE_EMPTY_BODY_WHY,
      ...settings.notes,
    ]),
    "",
    "# ~/.aws/config",
    ...config,
    "",
    "# ~/.aws/credentials",
    ...credentials,
    "",
  ].join("\n");
}
