import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  accidentStats,
  runProjections,
  supervisionLedgerEvents,
  supervisionProjection,
  verifyStore,
} from "@safety-ledger/core";
import {
  GUANGYUAN_AS_OF,
  GUANGYUAN_COMPARISON_PERIOD,
  guangyuanCommands,
  runGuangyuan,
} from "@safety-ledger/example-guangyuan";
import { createSqliteStore } from "@safety-ledger/sqlite";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "guangyuan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the scenario on the SQLite store", () => {
  it("runs, keeps the figures, verifies, and runs again idempotently after reopening", async () => {
    const path = join(dir, "ledger.sqlite");
    const commands = guangyuanCommands();
    const store = createSqliteStore({ path });
    const started = performance.now();
    const first = await runGuangyuan(store, { commands });
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `Guangyuan on SQLite: ${first.commands} commands, ${first.events} events in ${seconds.toFixed(1)} s`,
    );
    expect(first.appended).toBe(commands.length);
    const { models } = await runProjections(store, supervisionLedgerEvents, [supervisionProjection], {
      slice: { asOf: GUANGYUAN_AS_OF },
    });
    const stats = accidentStats(models[0], GUANGYUAN_COMPARISON_PERIOD);
    expect([stats.current.accidents, stats.current.deaths]).toEqual([31, 30]);
    expect([stats.previous.accidents, stats.previous.deaths]).toEqual([53, 55]);
    expect(stats.changePercent).toEqual({ accidents: -41.5, deaths: -45.5 });
    await store.close();

    const reopened = createSqliteStore({ path });
    const report = await verifyStore(reopened);
    expect(report.ok).toBe(true);
    expect(report.events).toBe(first.events);
    const rerun = performance.now();
    const again = await runGuangyuan(reopened, { commands });
    console.info(
      `Guangyuan on SQLite, second run (reads only): ${((performance.now() - rerun) / 1000).toFixed(1)} s`,
    );
    expect(again.duplicates).toBe(commands.length);
    expect(again.appended).toBe(0);
    await reopened.close();
  }, 180_000);
});
