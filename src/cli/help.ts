import { CONNECTION_HELP } from "./args.js";
import type { Command } from "./command.js";
import { EXIT_STATUS_HELP } from "./exit-codes.js";

/** The top-level `lakefs-s3 --help` text. */
export function topLevelHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.synopsis}`.trim().length)) + 2;
  const lines = commands.map((c) => `  ${`${c.name} ${c.synopsis}`.trim().padEnd(width)}${c.summary}`);
  return `Usage: lakefs-s3 <command> [options]

lakeFS from the command line, on the lakefs-s3 library: the same configuration,
HTTP stack, errors and transfer code as your programs.

Commands:
${lines.join("\n")}

Run "lakefs-s3 <command> --help" for a command's options.

${CONNECTION_HELP}

Other options:
  -v, --version             print the version

${EXIT_STATUS_HELP}
`;
}

/** A command's `--help` text: usage line, description, its own options, the connection options, exit codes. */
export function commandHelp(parts: { name: string; synopsis: string; description: string; options?: string; examples?: string; exit?: string }): string {
  return `Usage: lakefs-s3 ${parts.name} ${parts.synopsis}`.trimEnd() + `

${parts.description.trim()}
${parts.options ? `\nOptions:\n${parts.options.replace(/\s+$/, "")}\n` : ""}
${CONNECTION_HELP}
${parts.examples ? `\nExamples:\n${parts.examples.replace(/\s+$/, "")}\n` : ""}
${parts.exit ?? EXIT_STATUS_HELP}
`;
}
