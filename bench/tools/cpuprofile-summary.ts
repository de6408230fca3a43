/**
 * Summarises a `.cpuprofile` (from `npm run bench -- --cpu-prof DIR`): self
 * time by package or source folder, and the heaviest functions.
 *
 *   node --import tsx bench/tools/cpuprofile-summary.ts DIR/lakefs-s3-small-1/CPU…cpuprofile [--top 25] [--inclusive REGEX]
 *
 * `--inclusive REGEX` adds the total (inclusive) time of the functions whose
 * location matches REGEX, e.g. `src/` for the toolkit's own frames.
 */
import { readFileSync } from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** `@aws-sdk/client-s3`, `src/gateway`, `node:internal/…`, `(program)`, … */
export function bucketOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith("node:")) return url.split("/").slice(0, 2).join("/");
  const src = /\/(src|bench|tools)\/(.*)$/.exec(url);
  if (src) return `${src[1]}/${src[2]!.split("/").slice(0, 2).join("/")}`;
  return url;
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error("usage: cpuprofile-summary.ts <file.cpuprofile> [--top N]");
  const top = Number(process.argv[process.argv.indexOf("--top") + 1]) || 25;
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const buckets = new Map<string, number>();
  const fns = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    const b = bucketOf(n.callFrame.url, n.callFrame.functionName);
    buckets.set(b, (buckets.get(b) ?? 0) + us);
    const f = `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(src|bench)\//, "$1/")}:${n.callFrame.lineNumber + 1}`;
    fns.set(f, (fns.get(f) ?? 0) + us);
  }
  const incPattern = process.argv.includes("--inclusive") ? new RegExp(process.argv[process.argv.indexOf("--inclusive") + 1] ?? "src/") : undefined;
  const inclusive = new Map<string, number>();
  if (incPattern) {
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const label = (n: Node): string => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(src|bench)\//, "$1/")}:${n.callFrame.lineNumber + 1}`;
    for (const [id, us] of self) {
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const n = byId.get(cur)!;
        const l = label(n);
        if (!seen.has(l) && incPattern.test(l)) {
          seen.add(l);
          inclusive.set(l, (inclusive.get(l) ?? 0) + us);
        }
      }
    }
  }
  const pct = (us: number): string => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
  process.stdout.write(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n\nby package / folder (self time)\n`);
  for (const [b, us] of [...buckets].sort((a, c) => c[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(us)}  ${b}\n`);
  process.stdout.write(`\nheaviest functions (self time)\n`);
  for (const [f, us] of [...fns].sort((a, c) => c[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(us)}  ${f}\n`);
  if (incPattern) {
    process.stdout.write(`\ninclusive time of functions matching ${incPattern}\n`);
    for (const [f, us] of [...inclusive].sort((a, c) => c[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(us)}  ${f}\n`);
  }
}

main();
