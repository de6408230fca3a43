import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/** A regular file found under a directory. */
export interface FoundFile {
  /** The path relative to the directory, with `/` separators. */
  readonly relative: string;
  readonly absolute: string;
  readonly size: number;
}

/**
 * Lists the regular files under `root`, depth first, in name order. Symbolic
 * links to files are followed; links to directories are not (no cycles) and
 * are reported through `onSkip`, as are sockets, FIFOs and devices.
 */
export async function walkDirectory(root: string, onSkip: (relative: string, why: string) => void): Promise<FoundFile[]> {
  const out: FoundFile[] = [];
  const visit = async (dir: string, prefix: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await visit(absolute, relative);
        continue;
      }
      const info = await stat(absolute).catch(() => undefined);
      if (info?.isFile()) out.push({ relative, absolute, size: info.size });
      else if (info?.isDirectory()) onSkip(relative, "a symbolic link to a directory (not followed)");
      else onSkip(relative, info ? "not a regular file" : "a broken symbolic link");
    }
  };
  await visit(root, "");
  return out;
}
