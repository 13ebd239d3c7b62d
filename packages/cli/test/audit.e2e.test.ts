/**
 * End-to-end: the audit commands and what reads say about a tampered ledger, through the built
 * binary against temporary SQLite files. One intact ledger is built first; each test tampers
 * with a copy of it.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { hashEvent } from "@safety-ledger/core";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, fixture, JAN_NOV_2020_STATS, json, requireBuild, sql, tempDir } from "./helpers";

const AS = ["--as", "GY-EMB/office/Wang Office"];
let temp: ReturnType<typeof tempDir>;
let db: string;

/** A copy of the intact ledger to tamper with. */
const copyOfLedger = (name: string): string => {
  const copy = join(temp.dir, name);
  copyFileSync(db, copy);
  return copy;
};

/**
 * Rewrite a stream's rows as another tool could: `edit` changes each event's data, and the
 * chain is recomputed over the result, so every hash and link is correct again.
 */
const rewriteStream = (file: string, stream: string, edit: (data: Record<string, unknown>) => void) => {
  const conn = new Database(file);
  try {
    const rows = conn
      .prepare(
        "SELECT stream_revision AS revision, event_id AS id, event_type AS type, schema_version AS schemaVersion, data, metadata FROM events WHERE stream_name = ? ORDER BY stream_revision",
      )
      .all(stream) as Array<{
      revision: number;
      id: string;
      type: string;
      schemaVersion: number;
      data: string;
      metadata: string;
    }>;
    let prevHash = "0".repeat(64);
    for (const row of rows) {
      const data = JSON.parse(row.data);
      edit(data);
      const { hash: _old, ...metadata } = { ...JSON.parse(row.metadata), prevHash };
      const hash = hashEvent({ ...row, stream, data, metadata });
      conn
        .prepare("UPDATE events SET data = ?, metadata = ? WHERE stream_name = ? AND stream_revision = ?")
        .run(JSON.stringify(data), JSON.stringify({ ...metadata, hash }), stream, row.revision);
      prevHash = hash;
    }
  } finally {
    conn.close();
  }
};

beforeAll(async () => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "ledger.db");
  const setup = await cli(["submit", fixture("setup.jsonl")], db);
  if (setup.code !== 0) throw new Error(setup.stderr);
  for (const kind of ["tasks", "entities", "risks", "hazards", "accidents"]) {
    const run = await cli(["import", kind, fixture(`${kind}.csv`), ...AS], db);
    if (run.code !== 0) throw new Error(run.stderr);
  }
});
afterAll(() => temp?.remove());

describe("audit prove and check-proof, end to end", () => {
  it("the proof `audit prove` prints is accepted by `audit check-proof`; a changed byte of the event is not", async () => {
    expect((await cli(["audit", "seal", ...AS], db)).code).toBe(0);
    const proved = await cli(["audit", "prove", "accident-A-2020-01", "0"], db);
    expect(proved.code, proved.stderr).toBe(0);
    const proofFile = join(temp.dir, "proof.json");
    writeFileSync(proofFile, proved.stdout);

    const checked = await cli(["audit", "check-proof", proofFile, "--json"]);
    expect(checked.code, checked.stderr).toBe(0);
    expect(json(checked)).toMatchObject({ ok: true, problems: [] });
    expect((json(checked) as { root: string }).root).toMatch(/^[0-9a-f]{64}$/);

    const proof = JSON.parse(readFileSync(proofFile, "utf8"));
    proof.event.data.deaths += 1;
    const forgedFile = join(temp.dir, "forged-proof.json");
    writeFileSync(forgedFile, JSON.stringify(proof));
    const forged = await cli(["audit", "check-proof", forgedFile]);
    expect(forged.code).toBe(1);
    expect(forged.stdout).toContain("NOT PROVEN: accident-A-2020-01@0 does not match its hash");
    const inChinese = await cli(["audit", "check-proof", forgedFile], undefined, undefined, { LANG: "" });
    expect(inChinese.code).toBe(1);
    expect(inChinese.stdout).toContain("事件 accident-A-2020-01@0 与其哈希不符");
    expect(inChinese.stdout).not.toContain("does not match");
  });

  it("a sealed stream rewritten with its chain recomputed: the seal's finding reads in Chinese by default", async () => {
    const tampered = copyOfLedger("rewritten-after-seal.db");
    expect((await cli(["audit", "seal", ...AS], tampered)).code).toBe(0);
    rewriteStream(tampered, "accident-A-2020-01", (data) => {
      if (typeof data.deaths === "number") data.deaths = 0;
    });
    const english = await cli(["audit", "verify"], tampered);
    expect(english.code).toBe(1);
    expect(english.stdout).toMatch(/the (head|event) differs from the (one|head) sealed by seal 0/);
    const chinese = await cli(["audit", "verify"], tampered, undefined, { LANG: "" });
    expect(chinese.code).toBe(1);
    expect(chinese.stdout).toMatch(/该(流的末版|事件)与第 0 号封印所封存的(末版)?不同/);
    expect(chinese.stdout).not.toMatch(/differs|sealed by/);
  });
});

describe("reads of a tampered ledger, end to end", () => {
  it("a revision's deaths edited in SQL: every read names the stream and revision on stderr and exits 1", async () => {
    const tampered = copyOfLedger("deaths-edited.db");
    sql(
      tampered,
      "UPDATE events SET data = json_set(data, '$.deaths', 0) WHERE stream_name = ? AND stream_revision = ?",
      "accident-A-2020-01",
      0,
    );
    const reads = [
      [...JAN_NOV_2020_STATS],
      ["board", "--as-of", "2020-12-31", "--json"],
      ["list", "accidents", "--as-of", "2020-12-31", "--json"],
      ["supervision", "E-0001", "--as-of", "2020-12-31", "--json"],
      ["rebuild", "--json"],
      ["history", "accident-A-2020-01", "--json"],
      ["audit", "late-entries", "--days", "30", "--json"],
      ["report", "--html", join(temp.dir, "report.html"), "--as-of", "2020-12-31"],
    ];
    for (const args of reads) {
      const run = await cli(args, tampered);
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(1);
      expect(run.stderr, args.join(" ")).toContain(
        "warning: broken hash chain at accident-A-2020-01@0 (changed)",
      );
      expect(run.stdout.length, args.join(" ")).toBeGreaterThan(0);
    }
    // the intact ledger: the same reads, no warning
    for (const args of reads) {
      const run = await cli(args, db);
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(0);
      expect(run.stderr).not.toContain("warning");
    }
  });

  it("an event no codec can read (data.on 2020-02-30, correctly chained): audit verify finds it; reads name it", async () => {
    const bad = copyOfLedger("undecodable.db");
    rewriteStream(bad, "accident-A-2020-01", (data) => {
      data.on = "2020-02-30";
    });
    const verify = await cli(["audit", "verify", "--json"], bad);
    expect(verify.code).toBe(1);
    const report = json<{ problems: Array<Record<string, unknown>> }>(verify);
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        stream: "accident-A-2020-01",
        revision: 0,
        kind: "undecodable",
        field: "data.on",
      }),
    );
    // the chain itself is intact: nothing is reported changed or broken
    expect(report.problems.filter((p) => p.kind === "changed" || p.kind === "broken-link")).toEqual([]);

    const one = await cli(["audit", "verify", "accident-A-2020-01", "--json"], bad);
    expect(json<{ problems: unknown[] }>(one).problems).toEqual([
      expect.objectContaining({
        stream: "accident-A-2020-01",
        revision: 0,
        kind: "undecodable",
        field: "data.on",
      }),
    ]);

    for (const args of [
      [...JAN_NOV_2020_STATS],
      ["list", "accidents", "--as-of", "2020-12-31"],
      ["rebuild"],
    ]) {
      const run = await cli(args, bad);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr, args.join(" ")).toMatch(/accident-A-2020-01@0 .*data\.on: 2020-02 has no day 30/);
    }
  });
});
