import type { AwsSettings } from "./resolve-aws-settings.js";
import { BOTOCORE_EMPTY_BODY, BOTOCORE_EMPTY_BODY_WHY } from "./botocore-empty-body.js";
import { comments, pythonString } from "./quote.js";

/**
 * A Python snippet that makes a boto3 S3 client named `s3` for the gateway.
 * `signature_version="s3v4"` matters: boto3 presigns with SigV2 by default
 * for a custom endpoint, and lakeFS refuses SigV2 presigned URLs. botocore
 * reads {@link BOTOCORE_EMPTY_BODY} from the environment at each request, so
 * the snippet sets it (unless the process already has it).
 *
 * @internal
 */
export function formatBoto3(settings: AwsSettings, secret: (value: string) => string): string {
  const session = settings.sessionToken ? [`    aws_session_token=${pythonString(secret(settings.sessionToken))},`] : [];
  return [
    ...comments([
      `boto3 client for the lakeFS S3 gateway at ${settings.endpointUrl}.`,
      "Bucket = repository, Key = <branch>/<path>. The checksum options need botocore >= 1.36; drop them on older versions.",
      ...settings.notes,
    ]),
    "import os",
    "import boto3",
    "from botocore.config import Config",
    "",
    `# ${BOTOCORE_EMPTY_BODY_WHY}`,
    `os.environ.setdefault(${pythonString(BOTOCORE_EMPTY_BODY.name)}, ${pythonString(BOTOCORE_EMPTY_BODY.value)})`,
    "",
    "s3 = boto3.client(",
    `    "s3",`,
    `    endpoint_url=${pythonString(settings.endpointUrl)},`,
    `    region_name=${pythonString(settings.region)},`,
    `    aws_access_key_id=${pythonString(settings.accessKeyId)},`,
    `    aws_secret_access_key=${pythonString(secret(settings.secretAccessKey))},`,
    ...session,
    "    config=Config(",
    `        signature_version="s3v4",`,
    `        s3={"addressing_style": ${pythonString(settings.addressingStyle)}},`,
    `        request_checksum_calculation=${pythonString(settings.requestChecksumCalculation)},`,
    `        response_checksum_validation=${pythonString(settings.responseChecksumValidation)},`,
    "    ),",
    ")",
    "",
  ].join("\n");
}
