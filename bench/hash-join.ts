/**
 * An event's hash over its envelope and data text (`TextHash.hexOfJoined`) against the same
 * parts joined into one string and hashed (`crypto.hash`), in the same run, for data texts of
 * several lengths, ASCII and Chinese: milliseconds per 1,000 hashes (median of 5 passes of 50),
 * and their ratio (above 1: `hexOfJoined` is slower).
 *
 *   node --import tsx bench/hash-join.ts
 */
import * as crypto from "node:crypto";
import { SHA256 } from "../packages/core/src/crypto/hash";
import { median } from "./median";

const hash = (crypto as unknown as { hash: (algorithm: string, data: string, encoding: "hex") => string })
  .hash;
const head =
  '{"type":"TaskProgressReported","stream":"task-GY-0001","revision":12,"occurredAt":"2021-06-30T10:00:00+08:00","data":';
const tail = ',"prev":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}';

/** Milliseconds per 1,000 hashes of `f` over `middles` (1,000 of them), median of 5 passes of 50. */
const timed = (middles: ReadonlyArray<string>, f: (middle: string) => string): number => {
  const passes: number[] = [];
  let sink = 0;
  for (let p = 0; p < 5; p++) {
    const t0 = performance.now();
    for (let r = 0; r < 50; r++) for (const m of middles) sink += f(m).length;
    passes.push((performance.now() - t0) / 50);
  }
  if (sink === 0) throw new Error("no hash");
  return median(passes);
};

for (const [label, unit] of [
  ["ASCII", "a"],
  ["Chinese", "安"],
] as const)
  for (const n of [50, 200, 500, 1000, 2000, 8000]) {
    const middles = Array.from({ length: 1000 }, (_, i) => `{"note":"${unit.repeat(n)}${i}"}`);
    const joined = (m: string) => SHA256.hexOfJoined(head, m, tail);
    const concatenated = (m: string) => hash("sha256", head + m + tail, "hex");
    timed(middles, joined);
    timed(middles, concatenated);
    const a = timed(middles, joined);
    const b = timed(middles, concatenated);
    console.log(
      `${label} data of ${n} characters: hexOfJoined ${a.toFixed(3)} ms, joined string ${b.toFixed(3)} ms, ratio ${(a / b).toFixed(2)}`,
    );
  }
