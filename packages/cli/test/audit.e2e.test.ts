/**
 * End-to-end: the audit commands and what reads say about a tampered ledger, through the built
 * binary against temporary SQLite files. One intact ledger is built first; each test tampers
 * with a copy of it.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, fixture, json, requireBuild, tempDir } from "./helpers";

const AS = ["--as", "GY-EMB/office/Wang Office"];
let temp: ReturnType<typeof tempDir>;
let db: string;

/** A copy of the intact ledger to tamper with. */
const copyOfLedger = (name: string): string => {
  const copy = join(temp.dir, name);
  copyFileSync(db, copy);
  return copy;
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
  });
});
