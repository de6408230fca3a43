import { formatAwsSettings, MASKED_SECRET, resolveAwsSettings, type AwsSettingsFormat, ValidationError, LakeFS } from "../../internal.js";
import { connectionFromFlags, parseCommandArgs } from "../args.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { commandHelp } from "../help.js";
import type { Io } from "../io.js";
import { writeJson } from "../output.js";
import { UsageError } from "../usage-error.js";

const NAME = "env";
const FORMATS: readonly AwsSettingsFormat[] = ["env", "profile", "boto3"];

const help = commandHelp({
  name: NAME,
  synopsis: "[--format env|profile|boto3] [--profile NAME] [options]",
  description: `
Prints settings that point the AWS CLI, boto3 and AWS SDKs at lakeFS's S3
gateway, for the configuration the library resolves (flags, LAKECTL_*
variables, the lakectl file): the gateway endpoint, the lakeFS keys, the
signing region, path-style addressing and the checksum behaviour.

  env       POSIX shell export lines:  eval "$(lakefs-s3 env)"; aws s3 ls s3://<repo>/<branch>/
  profile   a named profile: a part for ~/.aws/config and a part for ~/.aws/credentials
  boto3     Python that creates a boto3 S3 client named "s3"

The output holds the secret access key in clear text, since that is what the
tools need: print it only where you mean to use it, or pass --mask-secret to
show the settings without it (the masked output does not authenticate).
Settings the AWS tools cannot take from the snippet (an extra CA, --insecure,
a proxy) are explained in comments.`,
  options: `  --format env|profile|boto3   output shape (default env)
  --profile NAME            profile name for --format profile (default lakefs; "default" writes [default])
  --mask-secret             print ${MASKED_SECRET} instead of the secret access key
  --json                    print {"format", "settings", "text"} on stdout`,
  examples: `  eval "$(lakefs-s3 env)" && aws s3 ls
  lakefs-s3 env --format profile --profile lakefs
  lakefs-s3 env --format boto3 > lakefs_client.py`,
  exit: "Exit status: 0 printed, 1 the configuration cannot be resolved, 2 usage error.",
});

async function run(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(NAME, argv, {
    format: { type: "string" },
    profile: { type: "string" },
    "mask-secret": { type: "boolean" },
    json: { type: "boolean" },
  } as const);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, NAME);
  const format = (values.format ?? "env") as AwsSettingsFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}, not "${values.format}"`, NAME);
  if (values.profile !== undefined && format !== "profile") throw new UsageError("--profile goes with --format profile", NAME);
  const maskSecret = values["mask-secret"] === true;

  const lakefs = new LakeFS(connectionFromFlags(NAME, values, io).config);
  try {
    const config = await lakefs.config();
    let text: string;
    try {
      text = await formatAwsSettings(config, { format, ...(values.profile !== undefined ? { profile: values.profile } : {}), maskSecret });
    } catch (err) {
      if (err instanceof ValidationError && err.code === "InvalidAwsProfileName") throw new UsageError(`--profile: ${err.message}`, NAME);
      throw err;
    }
    if (values.json) {
      const settings = await resolveAwsSettings(config);
      writeJson(io.stdout, {
        format,
        ...(format === "profile" ? { profile: values.profile ?? "lakefs" } : {}),
        settings: {
          ...settings,
          ...(maskSecret ? { secretAccessKey: MASKED_SECRET, ...(settings.sessionToken ? { sessionToken: MASKED_SECRET } : {}) } : {}),
        },
        text,
      });
    } else {
      io.stdout.write(text);
    }
    return EXIT.ok;
  } finally {
    lakefs.destroy();
  }
}

/** `lakefs-s3 env`. */
export const envCommand: Command = {
  name: NAME,
  synopsis: "",
  summary: "print AWS CLI / boto3 settings for lakeFS's S3 gateway",
  help,
  run,
};
