/**
 * End-to-end on EventStoreDB with encryption: the built binary with `--store esdb://…` and
 * `--store kurrentdb://…` on the
 * in-repo wire double keeps its subjects' keys in the database (`subject-key-…` streams),
 * reveals on reading, lists the subjects, erases one after retention (its key stream then
 * reads as destroyed), and audit verify still holds.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type EsdbDouble, startEsdbDouble } from "@safety-ledger/esdb-double";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, eraseArgs, json, type Run, requireBuild } from "./helpers";

const NAME = "Qiu Xiaolan";
const PHONE = "13987654321";

const cli = (store: string, args: ReadonlyArray<string>, input?: string): Promise<Run> =>
  new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, "--store", store, ...args],
      { env: { ...process.env, SAFETY_LEDGER_STORE: "", NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === "number" ? error.code : 1,
          stdout,
          stderr,
        }),
    );
    child.stdin?.end(input);
  });

const registration = JSON.stringify({
  type: "RegisterEntity",
  commandId: "esdb-pii-1",
  actor: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
  occurredAt: "2020-07-14T09:00:00+08:00",
  data: {
    entityId: "E-ES1",
    name: "Example Mining Co. (test)",
    sector: "non-coal-mine",
    district: "lizhou",
    supervisingDepartment: "GY-EMB",
    principal: { name: NAME, phone: PHONE },
    safetyManager: { name: "Gu Mingyue" },
  },
});

describe.each([
  { scheme: "esdb", client: "@eventstore/db-client" },
  { scheme: "kurrentdb", client: "@kurrent/kurrentdb-client" },
])("safety-ledger --store $scheme:// --encrypt ($client): keys in EventStoreDB", ({ scheme }) => {
  let double: EsdbDouble;
  let store: string;
  let dir: string;
  let key: string;
  beforeAll(async () => {
    requireBuild();
    double = await startEsdbDouble();
    store = double.url.replace(/^esdb:/, `${scheme}:`);
    dir = mkdtempSync(join(tmpdir(), "esdb-enc-"));
    key = join(dir, "master.json");
  });
  afterAll(async () => {
    await double?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("encrypts before the chain, reveals, lists and erases subjects, and still verifies", async () => {
    expect((await cli(store, ["privacy", "master-key", key])).code).toBe(0);
    const base = ["--master-key", key, "--lang", "en"];
    const submitted = await cli(store, ["--encrypt", "sm4-gcm", ...base, "submit", "-"], `${registration}\n`);
    expect(submitted.code, submitted.stderr).toBe(0);
    // the events as stored hold ciphertext: without the key they read as [encrypted]
    const keyless = await cli(store, ["--lang", "en", "history", "entity-E-ES1", "--json"]);
    expect(keyless.code, keyless.stderr).toBe(0);
    expect(keyless.stdout).not.toContain(PHONE);
    expect(JSON.parse(keyless.stdout)[0].data.principal).toEqual({
      name: "[encrypted]",
      phone: "[encrypted]",
    });
    const list = await cli(store, [...base, "list", "entities", "--as-of", "2020-12-31", "--json"]);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).rows[0].principal).toEqual({ name: NAME, phone: PHONE });

    const subjects = json<Array<{ subject: string; kind: string; status: string }>>(
      await cli(store, [...base, "privacy", "subjects", "entity-E-ES1/", "--json"]),
    );
    expect(subjects.map((s) => [s.kind, s.status])).toEqual([
      ["principal", "live"],
      ["safety-manager", "live"],
    ]);
    const erased = await cli(store, [
      ...base,
      ...eraseArgs(subjects[0]!.subject, { legalBasis: "PIPL art. 47", appraisal: "GY-ARCH-2031-009" }),
    ]);
    expect(erased.code, erased.stderr).toBe(0);
    const after = json<Array<{ kind: string; status: string }>>(
      await cli(store, [...base, "privacy", "subjects", "entity-E-ES1/", "--json"]),
    );
    expect(after.map((s) => [s.kind, s.status])).toEqual([
      ["principal", "destroyed"],
      ["safety-manager", "live"],
    ]);
    const read = await cli(store, [...base, "list", "entities", "--as-of", "2031-12-31", "--json"]);
    expect(JSON.parse(read.stdout).rows[0].principal).toEqual({ name: "erased", phone: "erased" });
    const verified = await cli(store, ["audit", "verify", "--json"]);
    expect(verified.code, verified.stderr).toBe(0);
    expect(json(verified)).toMatchObject({ ok: true, problems: [] });
  });
});
