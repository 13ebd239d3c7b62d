/**
 * End-to-end on EventStoreDB: the built binary with `--store esdb://…` (over
 * `@eventstore/db-client`) and `--store kurrentdb://…` (over `@kurrent/kurrentdb-client`), each
 * on its own in-repo wire double (the CLI runs in a child process; the double here serves the
 * same v1 protocol to both clients). demo, a read command and audit verify.
 */
import { execFile } from "node:child_process";
import { type EsdbDouble, startEsdbDouble } from "@safety-ledger/esdb-double";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, CLI_ENV, JAN_NOV_2020_STATS, json, type Run, requireBuild } from "./helpers";

const cli = (store: string, args: ReadonlyArray<string>): Promise<Run> =>
  new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, "--store", store, ...args],
      { env: CLI_ENV, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === "number" ? error.code : 1,
          stdout,
          stderr,
        }),
    );
    child.stdin?.end();
  });

describe.each([
  { scheme: "esdb", client: "@eventstore/db-client" },
  { scheme: "kurrentdb", client: "@kurrent/kurrentdb-client" },
])("safety-ledger --store $scheme:// ($client)", ({ scheme }) => {
  let double: EsdbDouble;
  let store: string;
  beforeAll(async () => {
    requireBuild();
    double = await startEsdbDouble();
    store = double.url.replace(/^esdb:/, `${scheme}:`);
  });
  afterAll(() => double?.stop());

  it("demo loads the Guangyuan scenario; stats read it; audit verify holds", async () => {
    const demo = await cli(store, ["demo", "--json"]);
    expect(demo.code, demo.stderr).toBe(0);
    const loaded = json<{ scenario: { appended: number }; wallChart: { total: { total: number } } }>(demo);
    expect(loaded.scenario.appended).toBeGreaterThan(0);
    expect(loaded.wallChart.total.total).toBe(291);
    const stats = await cli(store, JAN_NOV_2020_STATS);
    expect(stats.code, stats.stderr).toBe(0);
    expect(json(stats)).toMatchObject({ current: { accidents: 31, deaths: 30 } });
    const verified = await cli(store, ["audit", "verify", "--json"]);
    expect(verified.code, verified.stderr).toBe(0);
  });
});
