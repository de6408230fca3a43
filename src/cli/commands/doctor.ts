import { connectionFromFlags, parseCommandArgs } from "../args.js";
import type { Command } from "../command.js";
import { describeSettings } from "../doctor/describe-settings.js";
import type { DoctorContext } from "../doctor/context.js";
import { renderSettings, renderStep, renderSummary } from "../doctor/render.js";
import { runDoctor } from "../doctor/run-doctor.js";
import { EXIT } from "../exit-codes.js";
import { commandHelp } from "../help.js";
import type { Io } from "../io.js";
import { writeJson, writeLine } from "../output.js";
import { UsageError } from "../usage-error.js";

const NAME = "doctor";

const help = commandHelp({
  name: NAME,
  synopsis: "[options]",
  description: `
Resolves the configuration the way the library does and checks the way to
lakeFS step by step:

  configuration       where each setting came from (the access key id shows
                      only its last 4 characters; the secret is never shown)
  proxy               whether a proxy is used: --proxy, or HTTPS_PROXY /
                      HTTP_PROXY / ALL_PROXY minus NO_PROXY
  DNS, TCP            the endpoint's host (or the proxy's) resolves and accepts
                      connections
  TLS                 for https:// endpoints: certificate chain, subject,
                      issuer, expiry, the --ca-cert in use, host name match
  lakeFS API          GET /api/v1/healthcheck answers (a wrong path in the
                      endpoint shows here)
  clock               skew against the server's Date header (SigV4 fails
                      past 15 minutes)
  credentials (REST)  GET /api/v1/user authenticates
  S3 gateway          a SigV4-signed ListBuckets is accepted
  server version      the lakeFS version

Each failure prints its cause and a "fix:" line naming the setting to change
and where it is set. Steps that depend on a failed one are skipped.`,
  options: `  --json                    print the report as JSON on stdout
  --verbose                 print every step's details, not only those of failures and warnings`,
  examples: `  lakefs-s3 doctor
  LAKECTL_SERVER_ENDPOINT_URL=https://lakefs.example.com lakefs-s3 doctor --ca-cert ./ca.pem
  lakefs-s3 doctor --json | jq '.steps[] | select(.status == "fail")'`,
  exit: "Exit status: 0 every check passed (warnings allowed), 1 a check failed, 2 usage error.",
});

async function run(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(NAME, argv, {
    json: { type: "boolean" },
    verbose: { type: "boolean" },
  } as const);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, NAME);
  const ctx: DoctorContext = { connection: connectionFromFlags(NAME, values, io), io };
  const json = values.json === true;
  if (!json) writeLine(io.stdout, "lakefs-s3 doctor: checking the way to lakeFS\n");

  const reports = await runDoctor(ctx, (report) => {
    if (json) return;
    if (report.id === "configuration") {
      writeLine(io.stdout, "Settings");
      for (const line of renderSettings(describeSettings(ctx))) writeLine(io.stdout, line);
      writeLine(io.stdout, "\nChecks");
    }
    for (const line of renderStep(report, values.verbose === true)) writeLine(io.stdout, line);
  });
  const ok = reports.every((r) => r.status !== "fail");
  if (json) {
    writeJson(io.stdout, {
      ok,
      settings: Object.fromEntries(describeSettings(ctx).map((r) => [r.name, { value: r.value, ...(r.source ? { source: r.source } : {}) }])),
      steps: reports,
    });
  } else {
    writeLine(io.stdout, `\n${renderSummary(reports)}`);
  }
  if (io.signal.aborted) return EXIT.interrupted;
  return ok ? EXIT.ok : EXIT.failure;
}

/** `lakefs-s3 doctor`. */
export const doctorCommand: Command = {
  name: NAME,
  synopsis: "",
  summary: "check the configuration and the way to lakeFS step by step",
  help,
  run,
};
