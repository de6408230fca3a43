import type { AwsSettings } from "./resolve-aws-settings.js";
import { BOTOCORE_EMPTY_BODY, BOTOCORE_EMPTY_BODY_WHY } from "./botocore-empty-body.js";
import { comments, shellQuote } from "./quote.js";

/**
 * Environment variables for AWS tools, as POSIX shell `export` lines (for
 * `eval "$(…)"` or a `.env`-style file sourced by `sh`).
 *
 * - `AWS_ENDPOINT_URL_S3` sends only S3 calls to lakeFS (not STS or others).
 * - `AWS_REGION` is what the AWS CLI v2 and the SDKs read; botocore (boto3,
 *   AWS CLI v1) reads `AWS_DEFAULT_REGION`: both are set.
 * - Path-style addressing has no environment variable in botocore or the AWS
 *   CLI; botocore already uses path style for a custom endpoint, host names
 *   included (the integration tests run the AWS CLI against `localhost`). The
 *   profile and boto3 formats set it explicitly. The AWS SDK for JavaScript
 *   does not: use lakefs-s3's own clients there.
 * - `AWS_SESSION_TOKEN` is unset unless the credentials carry one, so that a
 *   token left over from real AWS credentials is not sent along.
 * - `BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE` keeps botocore from stalling after
 *   an empty upload ({@link BOTOCORE_EMPTY_BODY}).
 *
 * @internal
 */
export function formatEnv(settings: AwsSettings, secret: (value: string) => string): string {
  const vars: Array<[string, string]> = [
    ["AWS_ACCESS_KEY_ID", settings.accessKeyId],
    ["AWS_SECRET_ACCESS_KEY", secret(settings.secretAccessKey)],
  ];
  if (settings.sessionToken) vars.push(["AWS_SESSION_TOKEN", secret(settings.sessionToken)]);
  vars.push(
    ["AWS_ENDPOINT_URL_S3", settings.endpointUrl],
    ["AWS_REGION", settings.region],
    ["AWS_DEFAULT_REGION", settings.region],
    ["AWS_REQUEST_CHECKSUM_CALCULATION", settings.requestChecksumCalculation],
    ["AWS_RESPONSE_CHECKSUM_VALIDATION", settings.responseChecksumValidation],
    [BOTOCORE_EMPTY_BODY.name, BOTOCORE_EMPTY_BODY.value],
  );
  return [
    ...comments([
      `AWS CLI / boto3 / AWS SDK settings for the lakeFS S3 gateway at ${settings.endpointUrl}`,
      "Buckets are repositories and the first key segment is the branch: s3://<repository>/<branch>/<path>",
      "Path-style addressing has no environment variable; the AWS CLI and boto3 use it for a custom endpoint.",
      BOTOCORE_EMPTY_BODY_WHY,
      ...settings.notes,
    ]),
    ...vars.map(([name, value]) => `export ${name}=${shellQuote(value)}`),
    ...(settings.sessionToken ? [] : ["unset AWS_SESSION_TOKEN"]),
    "",
  ].join("\n");
}
