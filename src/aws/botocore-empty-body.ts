/**
 * botocore (boto3, the AWS CLI v1) sends `Expect: 100-continue` with every
 * file-like body, an empty one too. lakeFS answers an empty body at once,
 * without `100 Continue`, as HTTP allows; botocore then misreads the next
 * answer on that connection and waits out its read timeout (60 s) before it
 * retries (boto/botocore#3010): `aws s3 sync` of a folder with an empty file
 * (a `_SUCCESS` marker) stalls for a minute in most runs. This variable has
 * botocore leave the header off empty bodies. There is no config-file setting
 * for it, so the profile snippet can only say so.
 *
 * @internal
 */
export const BOTOCORE_EMPTY_BODY = { name: "BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE", value: "true" } as const;

/** Why the snippets set {@link BOTOCORE_EMPTY_BODY}, in one comment line. @internal */
export const BOTOCORE_EMPTY_BODY_WHY =
  "BOTO_EXPERIMENTAL__NO_EMPTY_CONTINUE: no Expect: 100-continue on empty bodies, else the AWS CLI and boto3 can stall 60 s after an empty upload (boto/botocore#3010).";
