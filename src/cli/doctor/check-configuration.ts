import { ENV, LakeFS } from "../../internal.js";
import type { DoctorContext } from "./context.js";
import { maskKeyId } from "./mask.js";
import { settingSources } from "./setting-sources.js";
import { splitHint } from "./split-hint.js";
import { fail, pass, type StepResult } from "./step.js";

const OPTION_FLAGS: readonly [RegExp, string][] = [
  [/\boption endpoint\b/g, "--endpoint"],
  [/\boption accessKeyId\b/g, "--access-key-id"],
  [/\boption secretAccessKey\b/g, "--secret-access-key"],
  [/\b[Oo]ption proxy\b/g, "--proxy"],
  [/\bcaCert\b/g, "--ca-cert"],
];

/** The library names its options; on the command line they are flags. */
function inCliWords(text: string): string {
  return OPTION_FLAGS.reduce((t, [pattern, flag]) => t.replace(pattern, flag), text);
}

/** What to do about a configuration the library cannot resolve, in command-line terms. */
function configurationFix(cause: string, hint: string | undefined): string | undefined {
  if (/No lakeFS endpoint/.test(cause)) return `Pass --endpoint URL or set env ${ENV.endpoint} (or server.endpoint_url in the lakectl file)`;
  if (/No lakeFS credentials/.test(cause)) {
    return `Set env ${ENV.accessKeyId} and ${ENV.secretAccessKey} (or pass --access-key-id), or give a lakectl file with --config`;
  }
  if (/caCert/.test(cause)) return "Give --ca-cert the path of a readable PEM file holding the CA certificate";
  if (/proxy/i.test(cause)) return "Fix --proxy or the HTTPS_PROXY/HTTP_PROXY variable: a URL such as http://proxy.example.com:3128";
  return hint;
}

/**
 * Resolves the configuration exactly as the library does (options from the
 * flags, then `LAKECTL_*`, then the lakectl file) and creates the client the
 * later steps send their requests with. Doctor's client tries each request
 * once and waits at most 15 s for an answer, so a broken setup fails fast.
 */
export async function checkConfiguration(ctx: DoctorContext): Promise<StepResult> {
  const lakefs = new LakeFS({ ...ctx.connection.config, maxAttempts: 1, requestTimeout: 15_000 });
  ctx.lakefs = lakefs;
  try {
    ctx.config = await lakefs.config();
  } catch (err) {
    const { cause, hint } = splitHint(err);
    const fix = configurationFix(cause, hint);
    return fail(inCliWords(cause), fix ? { fix: inCliWords(fix) } : {});
  }
  const sources = settingSources(ctx.config, ctx.connection.origins);
  ctx.sources = sources;
  try {
    const identity = await ctx.config.credentials();
    ctx.accessKeyId = identity.accessKeyId;
  } catch (err) {
    const { cause, hint } = splitHint(err);
    return fail(`cannot get the credentials from ${sources.accessKeyId}: ${cause}`, hint ? { fix: hint, setting: sources.accessKeyId } : { setting: sources.accessKeyId });
  }
  return pass(`endpoint from ${sources.endpoint}, access key ${maskKeyId(ctx.accessKeyId)} from ${sources.accessKeyId}`, {
    data: { serverUrl: ctx.config.serverUrl, apiUrl: ctx.config.apiUrl },
  });
}
