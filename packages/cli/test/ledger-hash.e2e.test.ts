/**
 * End-to-end: `--hash sm3` creates an SM3 ledger on its first write; the Guangyuan demo runs on
 * it, seals, exports and verifies, and the ledger refuses the other algorithm afterwards.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, countEvents, JAN_NOV_2020_STATS, json, requireBuild, tempDir } from "./helpers";

let temp: ReturnType<typeof tempDir>;
let db: string;

beforeAll(async () => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "sm3.db");
  const demo = await cli(["--hash", "sm3", "demo", "--json"], db);
  expect(demo.code, demo.stderr).toBe(0);
});
afterAll(() => temp?.remove());

const hashes = (file: string): string[] => {
  const conn = new Database(file, { readonly: true });
  try {
    return (conn.prepare("SELECT metadata FROM events").all() as Array<{ metadata: string }>).map(
      (r) => JSON.parse(r.metadata).hash,
    );
  } finally {
    conn.close();
  }
};

interface Report {
  ok: boolean;
  seals: number;
  hashAlgorithm: string;
  problems: Array<{ stream: string; kind: string }>;
}

describe("--hash sm3: a ledger chained with SM3", () => {
  it("hashes every event of the demo with SM3, and reads it as the published figures", async () => {
    const all = hashes(db);
    expect(all.length).toBe(countEvents(db));
    expect(all.every((h) => /^sm3:[0-9a-f]{64}$/.test(h))).toBe(true);
    const stats = json<{ current: { accidents: number; deaths: number } }>(await cli(JAN_NOV_2020_STATS, db));
    expect(stats.current).toMatchObject({ accidents: 31, deaths: 30 });
  });

  it("seals, verifies, exports and verifies the export, all with SM3", async () => {
    const seal = await cli(["audit", "seal", "--json"], db);
    expect(seal.code, seal.stderr).toBe(0);
    expect(json<{ hashAlgorithm: string }>(seal).hashAlgorithm).toBe("sm3");
    const verify = await cli(["audit", "verify", "--json"], db);
    expect(verify.code, verify.stdout).toBe(0);
    expect(json<Report>(verify)).toMatchObject({ ok: true, seals: 1, hashAlgorithm: "sm3", problems: [] });
    const file = join(temp.dir, "sm3.jsonl");
    expect((await cli(["audit", "export", file], db)).code).toBe(0);
    const fromFile = await cli(["audit", "verify", "--file", file, "--json"]);
    expect(fromFile.code, fromFile.stdout).toBe(0);
    expect(json<Report>(fromFile)).toMatchObject({ ok: true, seals: 1, hashAlgorithm: "sm3" });
    const text = await cli(["audit", "verify"], db);
    expect(text.stdout).toMatch(/^OK: .* checked \(sm3\), 0 problems\./);
  });

  it("refuses a write that asks for SHA-256, and appends nothing", async () => {
    const before = countEvents(db);
    const run = await cli(["--hash", "sha256", "audit", "seal"], db);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("sm3");
    expect(countEvents(db)).toBe(before);
  });

  it("keeps an existing SHA-256 ledger SHA-256: --hash sm3 on it is refused, its writes stay SHA-256", async () => {
    const sha = join(temp.dir, "sha.db");
    expect((await cli(["audit", "seal"], sha)).code).toBe(0);
    const refused = await cli(["--hash", "sm3", "audit", "seal"], sha);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("sha256");
    expect(hashes(sha).every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    expect(json<Report>(await cli(["audit", "verify", "--json"], sha)).hashAlgorithm).toBe("sha256");
  });

  it("rejects an algorithm it does not know as a usage error", async () => {
    const run = await cli(["--hash", "md5", "audit", "seal"], join(temp.dir, "x.db"));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("sha256, sm3");
  });
});
