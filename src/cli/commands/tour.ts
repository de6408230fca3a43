import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { LakeFS } from "../../internal.js";
import { connectionFromFlags, parseCommandArgs } from "../args.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { commandHelp } from "../help.js";
import type { Io } from "../io.js";
import { writeLine } from "../output.js";
import { UsageError } from "../usage-error.js";

const NAME = "tour";

const help = commandHelp({
  name: NAME,
  synopsis: "[--storage-namespace NS] [options]",
  description: `
Runs the guided tour of the library (examples/tour.ts): a repository, branches,
uploads with progress, listings, reads, commits, a merge, tags, a transaction,
a merge conflict and the log, cleaned up at the end.

Without --storage-namespace it starts an embedded lakeFS (local metadata and
blockstore in a temporary directory, built from tools/lakefs on first use) and
stops it afterwards: this is what "npm run tour" does. With --storage-namespace
it runs against the configured server (connection flags, LAKECTL_* or the
lakectl file) and creates its repository under that namespace.

The tour and the embedded server live in the repository checkout, not in the
npm package: run this command from a checkout ("npm run tour", or
"node --import tsx src/cli/main.ts tour"). The installed package says so and
exits with status 1.`,
  options: `  --storage-namespace NS    run against the configured server, with repositories under NS
                            (e.g. s3://my-bucket/tour, local://tour)`,
  examples: `  npm run tour
  node --import tsx src/cli/main.ts tour --storage-namespace s3://my-bucket/tour --endpoint https://lakefs.example.com`,
  exit: "Exit status: 0 the tour completed, 1 it failed or is not available (installed package), 2 usage error.",
});

type Print = (line: string) => void;
interface TourModule {
  runTour(lakefs: LakeFS, storageNamespaceRoot: string, print?: Print, options?: { importDir?: string }): Promise<number>;
}
interface ServerModule {
  startLakeFS(): Promise<{ endpoint: string; accessKeyId: string; secretAccessKey: string; importDir: string; stop(): Promise<void> }>;
}

/**
 * The checkout's `examples/tour.ts` and `tools/lakefs/server.ts`, when this
 * file runs from the checkout's sources (under tsx). Built code (`dist/`,
 * the npm package) cannot load TypeScript, and the package ships neither.
 */
function checkoutModules(): { tour: URL; server: URL } | undefined {
  if (!import.meta.url.endsWith(".ts")) return undefined;
  const tour = new URL("../../../examples/tour.ts", import.meta.url);
  const server = new URL("../../../tools/lakefs/server.ts", import.meta.url);
  return existsSync(fileURLToPath(tour)) && existsSync(fileURLToPath(server)) ? { tour, server } : undefined;
}

async function run(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(NAME, argv, { "storage-namespace": { type: "string" } } as const);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, NAME);
  const namespace = values["storage-namespace"];
  if (namespace !== undefined && !/^[a-z][a-z0-9+.-]*:\/\/./i.test(namespace)) {
    throw new UsageError(`--storage-namespace must be a URI such as s3://bucket/prefix or local://name, not "${namespace}"`, NAME);
  }
  const connection = connectionFromFlags(NAME, values, io);
  const modules = checkoutModules();
  if (!modules) {
    const builtInCheckout = existsSync(fileURLToPath(new URL("../../../examples/tour.ts", import.meta.url)));
    writeLine(
      io.stderr,
      builtInCheckout
        ? 'lakefs-s3 tour: the built command cannot load the TypeScript tour (examples/tour.ts): run "npm run tour" ' +
            '(or "node --import tsx src/cli/main.ts tour") in this checkout.'
        : "lakefs-s3 tour: the tour needs a checkout of the lakefs-s3 repository: it runs examples/tour.ts and starts an " +
            "embedded lakeFS built from tools/lakefs, and neither is part of the npm package. In a checkout, run " +
            '"npm ci && npm run tour". To try the library against your own server, see the README\'s quick start, or run ' +
            '"lakefs-s3 doctor" and "lakefs-s3 cp".',
    );
    return EXIT.failure;
  }
  const print: Print = (line) => writeLine(io.stdout, line);
  const { runTour } = (await import(modules.tour.href)) as TourModule;

  if (namespace !== undefined) {
    const lakefs = new LakeFS(connection.config);
    try {
      const steps = await runTour(lakefs, namespace, print);
      print(`\nTour complete: ${steps} steps.`);
      return EXIT.ok;
    } finally {
      lakefs.destroy();
    }
  }

  const { startLakeFS } = (await import(modules.server.href)) as ServerModule;
  print("Starting an embedded lakeFS (local metadata and blockstore in a temporary directory)…");
  const server = await startLakeFS();
  print(`lakeFS is up at ${server.endpoint}`);
  const lakefs = new LakeFS({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey, lakectlConfigFile: false, proxy: false });
  try {
    const steps = await runTour(lakefs, "local://tour", print, { importDir: server.importDir });
    print(`\nTour complete: ${steps} steps.`);
    return EXIT.ok;
  } finally {
    lakefs.destroy();
    await server.stop();
    print("Embedded lakeFS stopped and its data removed.");
  }
}

/** `lakefs-s3 tour`. */
export const tourCommand: Command = {
  name: NAME,
  synopsis: "",
  summary: "run the guided tour on an embedded lakeFS (from a repository checkout)",
  help,
  run,
};
