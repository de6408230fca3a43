import { ListBucketsCommand } from "@aws-sdk/client-s3";
import { fromS3Error } from "../../internal.js";
import type { DoctorContext } from "./context.js";
import { maskKeyId } from "./mask.js";
import { splitHint } from "./split-hint.js";
import { fail, pass, warn, type StepResult } from "./step.js";

/**
 * Signs a `ListBuckets` with SigV4 through the gateway client (`lakefs.s3`):
 * the S3 gateway answers, and accepts the credentials and the clock. Its
 * error codes tell a wrong access key id from a wrong secret.
 */
export async function checkS3Gateway(ctx: DoctorContext): Promise<StepResult> {
  const sources = ctx.sources!;
  const config = ctx.config!;
  const key = maskKeyId(ctx.accessKeyId ?? "");
  try {
    const out = await ctx.lakefs!.s3.send(new ListBucketsCommand({}), { abortSignal: ctx.io.signal });
    const count = out.Buckets?.length ?? 0;
    return pass(`ListBuckets at ${config.serverUrl} signed with SigV4 accepted: ${count} ${count === 1 ? "repository" : "repositories"} visible`, {
      data: { repositories: count },
    });
  } catch (err) {
    const code = (err as { Code?: string; name?: string }).Code ?? (err as { name?: string }).name ?? "";
    switch (code) {
      case "SignatureDoesNotMatch":
        return fail(`the S3 gateway knows access key ${key} but the signature does not match (SignatureDoesNotMatch): the secret access key is wrong`, {
          fix: `Change the secret access key (set by ${sources.secretAccessKey})`,
          setting: sources.secretAccessKey,
        });
      case "InvalidAccessKeyId":
        return fail(`the S3 gateway does not know access key ${key} (InvalidAccessKeyId)`, {
          fix: `Change the access key id (set by ${sources.accessKeyId})`,
          setting: sources.accessKeyId,
        });
      case "RequestTimeTooSkewed":
        return fail("the S3 gateway rejected the request time (RequestTimeTooSkewed): the clocks differ by more than 15 minutes", {
          fix: "Set this machine's clock right (enable NTP)",
          setting: "system clock",
        });
      case "AccessDenied":
        return warn(`the credentials may not list repositories (AccessDenied); calls on repositories they may use can still work`);
    }
    const mapped = fromS3Error(err, { operation: "ListBuckets", endpoint: config.serverUrl, endpointSource: sources.endpoint, secrets: config.secrets });
    const { cause, hint } = splitHint(mapped);
    return fail(cause, hint ? { fix: hint } : {});
  }
}
