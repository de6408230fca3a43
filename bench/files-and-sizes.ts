/** What the bench's runners share: sizes on the command line, and checksums of the files they compare. */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

const MiB = 1024 * 1024;

/** `4KiB`, `64MiB`, `1GiB`, `1.5GB`, `1000`: bytes. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)$/i.exec(text.trim());
  if (!m) throw new Error(`not a size: ${text} (use e.g. 4KiB, 64MiB, 1GiB)`);
  const power = " kmgt".indexOf((m[2] || " ").toLowerCase());
  const base = m[3]?.toLowerCase() === "b" ? 1000 : 1024; // KB, MB, GB are decimal; K, KiB, M, MiB, … binary
  return Math.round(Number(m[1]) * base ** power);
}

/** SHA-256 of a file, read in pieces (a whole read would raise the bench's RSS, which the clients it spawns inherit as their peak). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * MiB })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
