/**
 * Days as the law counts them, through the built CLI: a casualty revision claimed inside its
 * window but recorded years later is accepted (a paper record entered late), and `history` and
 * `audit late-entries` say which window had closed when it was recorded.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, requireBuild, tempDir } from "./helpers";

const actor = { unit: "GY-EMB", role: "department", person: "Wang" };

let dir: { dir: string; remove: () => void };
let db: string;

beforeAll(async () => {
  requireBuild();
  dir = tempDir();
  db = join(dir.dir, "ledger.db");
  const file = join(dir.dir, "accident.jsonl");
  const lines = [
    {
      type: "ReportAccident",
      commandId: "report-A1",
      actor,
      occurredAt: "2021-02-25T22:30:00+08:00",
      data: {
        accidentId: "A1",
        occurredAt: "2021-02-25T22:00:00+08:00",
        deaths: 1,
        seriousInjuries: 0,
        directLossFen: 0,
        description: "warehouse fire",
        entityId: null,
        sector: "construction",
        district: "lizhou",
        kind: "fire",
      },
    },
    // The last day of the 7-day window is 4 March: accepted on the claimed date.
    {
      type: "ReviseAccidentCasualties",
      commandId: "revise-A1",
      actor,
      occurredAt: "2021-03-04T23:00:00+08:00",
      data: { accidentId: "A1", deaths: 2, seriousInjuries: 0, reason: "one died in hospital" },
    },
    // 5 March, China time, given in UTC: refused.
    {
      type: "ReviseAccidentCasualties",
      commandId: "revise-A1-late",
      actor,
      occurredAt: "2021-03-04T16:00:00Z",
      data: { accidentId: "A1", deaths: 3, seriousInjuries: 0, reason: "another" },
    },
  ];
  writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
  const run = await cli(["submit", file, "--json"], db);
  expect(run.code).toBe(1);
  expect(
    run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).error?.code ?? "ok"),
  ).toEqual(["ok", "ok", "REVISION_WINDOW_CLOSED"]);
});
afterAll(() => dir.remove());

describe("a revision recorded after its window closed", () => {
  it("is marked by history", async () => {
    const run = await cli(["history", "accident-A1"], db);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("recorded after its window closed on 2021-03-04");
    const json = await cli(["history", "accident-A1", "--json"], db);
    const events = JSON.parse(json.stdout) as Array<{ type: string; closedWindow?: { lastDay: string } }>;
    expect(events.map((e) => e.closedWindow?.lastDay ?? null)).toEqual([null, "2021-03-04"]);
  });

  it("is named by audit late-entries with its rule", async () => {
    const run = await cli(["audit", "late-entries", "--days", "100000", "--json"], db);
    expect(run.code, run.stderr).toBe(0);
    const late = JSON.parse(run.stdout) as {
      entries: Array<{ stream: string; closedWindow: { rule: string } | null }>;
    };
    expect(late.entries.map((e) => [e.stream, e.closedWindow?.rule])).toEqual([
      ["accident-A1", "accident-casualty-revision"],
    ]);
  });
});
