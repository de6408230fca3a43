#!/usr/bin/env node
/**
 * The `lakefs-s3` command: dispatches to one command, maps errors to exit
 * codes (0 ok, 1 failure, 2 usage error, 130 interrupted).
 */
import type { Command } from "./command.js";
import { cpCommand } from "./commands/cp.js";
import { doctorCommand } from "./commands/doctor.js";
import { envCommand } from "./commands/env.js";
import { tourCommand } from "./commands/tour.js";
import { EXIT } from "./exit-codes.js";
import { topLevelHelp } from "./help.js";
import type { Io } from "./io.js";
import { describeError, writeLine } from "./output.js";
import { UsageError } from "./usage-error.js";
import { packageVersion } from "./version.js";

const COMMANDS: readonly Command[] = [doctorCommand, envCommand, cpCommand, tourCommand];

/** `-h`/`--help` anywhere before a `--` terminator. */
function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  return (end === -1 ? argv : argv.slice(0, end)).some((a) => a === "-h" || a === "--help");
}

async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.stderr.write(topLevelHelp(COMMANDS));
    return EXIT.usage;
  }
  if (name === "-h" || name === "--help") {
    io.stdout.write(topLevelHelp(COMMANDS));
    return EXIT.ok;
  }
  if (name === "-v" || name === "--version") {
    writeLine(io.stdout, packageVersion());
    return EXIT.ok;
  }
  if (name === "help") {
    const target = rest[0] === undefined ? undefined : COMMANDS.find((c) => c.name === rest[0]);
    if (rest[0] !== undefined && !target) throw new UsageError(`unknown command "${rest[0]}"`);
    io.stdout.write(target ? target.help : topLevelHelp(COMMANDS));
    return EXIT.ok;
  }
  if (name.startsWith("-")) throw new UsageError(`unknown option ${name}: options go after the command, as in "lakefs-s3 doctor ${name}"`);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(", ")})`);
  if (wantsHelp(rest)) {
    io.stdout.write(command.help);
    return EXIT.ok;
  }
  return command.run(rest, io);
}

/** Runs the CLI with these arguments and streams; resolves to the exit code. */
async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const commandName = COMMANDS.find((c) => c.name === argv[0])?.name;
  const prefix = `lakefs-s3${commandName ? ` ${commandName}` : ""}`;
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      writeLine(io.stderr, `${prefix}: ${err.message}`);
      writeLine(io.stderr, `Run "lakefs-s3${err.command ? ` ${err.command}` : ""} --help" for usage.`);
      return EXIT.usage;
    }
    writeLine(io.stderr, `${prefix}: ${describeError(err)}`);
    return io.signal.aborted ? EXIT.interrupted : EXIT.failure;
  }
}

// The AWS SDK warns on every run under Node 20 that its 2027 releases will need Node 22: noise for a
// command-line tool whose package supports Node 20. Set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const interrupt = new AbortController();
let interrupts = 0;
const onSignal = (signal: NodeJS.Signals): void => {
  // The first Ctrl-C cancels cleanly (multipart uploads are aborted); a second one exits at once.
  if (++interrupts > 1) process.exit(EXIT.interrupted);
  process.stderr.write(`\nlakefs-s3: ${signal}: stopping (press Ctrl-C again to exit at once)\n`);
  interrupt.abort(new Error(`interrupted by ${signal}`));
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: interrupt.signal,
});
process.off("SIGINT", onSignal);
process.off("SIGTERM", onSignal);
process.exitCode = interrupt.signal.aborted && code !== EXIT.ok ? EXIT.interrupted : code;
