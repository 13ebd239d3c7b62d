/** End-to-end: `demo` loads the Guangyuan scenario; its figures are the published ones. */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, countEvents, JAN_NOV_2020_STATS, json, requireBuild, tempDir } from "./helpers";

let temp: ReturnType<typeof tempDir>;
let db: string;

beforeAll(() => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "guangyuan.db");
});
afterAll(() => temp?.remove());

interface Demo {
  scenario: { commands: number; appended: number; duplicates: number; events: number };
  asOf: string;
  wallChart: { total: { total: number }; byWorkstream: unknown[]; byUnit: unknown[] };
  accidents: Record<string, unknown>;
}

describe("demo: the Guangyuan scenario", () => {
  it("loads once, prints the wall chart and the comparison; a second run appends nothing", async () => {
    const first = await cli(["demo", "--json"], db);
    expect(first.code, first.stderr).toBe(0);
    const loaded = json<Demo>(first);
    const events = countEvents(db);
    expect(loaded.scenario.appended).toBeGreaterThan(0);
    expect(loaded.scenario.events).toBe(events);
    expect(loaded.asOf).toBe("2020-12-31");
    expect(loaded.wallChart.total.total).toBe(291);
    expect(loaded.wallChart.byWorkstream).toHaveLength(15);
    expect(loaded.accidents).toMatchObject({
      current: { accidents: 31, deaths: 30 },
      previous: { accidents: 53, deaths: 55 },
      changePercent: { accidents: -41.5, deaths: -45.5 },
    });

    const second = await cli(["demo"], db);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("nothing appended");
    expect(second.stdout).toContain("Wall chart as of 2020-12-31: 291 task elements.");
    expect(second.stdout).toContain("-41.5%");
    expect(second.stdout).toContain("-45.5%");
    // Direct loss is printed in yuan with separators, from the integer fen of the JSON output.
    const lossFen = (loaded.accidents as { current: { directLossFen: number } }).current.directLossFen;
    const loss = `¥${Math.trunc(lossFen / 100).toLocaleString("en-US")}.${String(lossFen % 100).padStart(2, "0")}`;
    expect(loss).toMatch(/^¥\d{1,3}(,\d{3})+\.\d{2}$/);
    expect(second.stdout).toContain(loss);
    expect(countEvents(db)).toBe(events);
  });

  it("stats accidents --json gives 31/30 against 53/55, -41.5 % and -45.5 %, zero control held", async () => {
    const run = await cli(JAN_NOV_2020_STATS, db);
    expect(run.code).toBe(0);
    const stats = json<{
      current: Record<string, number>;
      previous: Record<string, number>;
      byClass: Record<string, { accidents: number }>;
    }>(run);
    expect(stats).toMatchObject({
      current: { accidents: 31, deaths: 30 },
      previous: { accidents: 53, deaths: 55 },
      decrease: { accidents: 22, deaths: 25 },
      changePercent: { accidents: -41.5, deaths: -45.5 },
      zeroControl: true,
    });
    expect(Object.keys(stats.current)).toEqual(["accidents", "deaths", "seriousInjuries", "directLossFen"]);
    expect(Object.keys(stats.previous)).toEqual(["accidents", "deaths", "seriousInjuries", "directLossFen"]);
    expect(stats.byClass.general?.accidents).toBe(31);
    expect(stats.byClass.larger?.accidents).toBe(0);
  });

  it("the scenario's ledger verifies and replays", async () => {
    const [verify, rebuild] = await Promise.all([
      cli(["audit", "verify", "--json"], db),
      cli(["rebuild", "--json"], db),
    ]);
    expect(verify.code).toBe(0);
    expect(json(verify)).toMatchObject({ ok: true, events: countEvents(db) });
    expect(json(rebuild)).toMatchObject({ events: countEvents(db), campaign: { tasks: 291 } });
  });
});
