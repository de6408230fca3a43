import { readFileSync } from "node:fs";

/**
 * The package version, read from the `package.json` two folders up: the
 * same relative place from `src/cli/` in a checkout and from `dist/cli/` in
 * the installed package.
 */
export function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}
