/**
 * The heaviest functions of a V8 CPU profile (`.cpuprofile`, from `node --cpu-prof` or
 * `BENCH_PG_PROFILE`), by self time, and the share of idle time and of each package.
 *
 *   node --import tsx bench/profile-top.ts file.cpuprofile [count, default 25]
 *
 * With BENCH_PROFILE_INCLUSIVE=1 it also prints the heaviest functions by inclusive time (their
 * own and their callees'), each by line and column of the code that ran: code run through tsx
 * is compiled onto few lines, so a function is told by its column there (tsx's cache, in
 * $TMPDIR/tsx-<uid>, holds that code).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  readonly children?: ReadonlyArray<number>;
}
interface Profile {
  readonly nodes: ReadonlyArray<ProfileNode>;
  readonly samples: ReadonlyArray<number>;
  readonly timeDeltas: ReadonlyArray<number>;
}

const [file, countText] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: profile-top.ts file.cpuprofile [count]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<string, number>();
const packages = new Map<string, number>();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]!)!;
  const us = profile.timeDeltas[i] ?? 0;
  total += us;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    .replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "")
    .replace(/^file:\/\/.*?\/packages\//, "");
  const key = `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + us);
  const pkg =
    url === ""
      ? functionName
      : (/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
        /packages\/([^/]+)\//.exec(url)?.[1] ??
        (url.startsWith("node:") ? "node" : "other"));
  packages.set(pkg, (packages.get(pkg) ?? 0) + us);
}
const percent = (us: number) => `${((us / total) * 100).toFixed(1)} %`;
console.log(`${(total / 1e6).toFixed(2)} s sampled`);
for (const [pkg, us] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 12))
  console.log(`  ${percent(us).padStart(7)}  ${pkg}`);
console.log("self time:");
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(countText ?? 25)))
  console.log(`  ${percent(us).padStart(7)}  ${key}`);

if (process.env.BENCH_PROFILE_INCLUSIVE === "1") {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const frame = (node: ProfileNode) => {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    return `${functionName || "(anonymous)"} ${url.split("/").slice(-3).join("/")}:${lineNumber + 1}:${columnNumber + 1}`;
  };
  const inclusive = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i] ?? 0;
    const seen = new Set<string>();
    for (let at: number | undefined = profile.samples[i]!; at !== undefined; at = parent.get(at)) {
      const key = frame(byId.get(at)!);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  console.log("inclusive time:");
  for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(countText ?? 25)))
    console.log(`  ${percent(us).padStart(7)}  ${key}`);
}
