/**
 * The HTML report on a small history entered as commands: the figures gathered equal the
 * projection queries, and the page shows them, with every chart drawn as inline SVG, nothing
 * to fetch, and the labels in the language asked for.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  accidentStats,
  campaignLedgerProjection,
  createMemoryStore,
  type EventStore,
  ledgerEvents,
  overdueList,
  riskDistribution,
  runProjections,
  supervisionProjection,
  wallChart,
} from "@safety-ledger/core";
import { createSqliteStore } from "@safety-ledger/sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/program";
import { gatherReportData, type ReportModels, renderReport } from "../src/report/index";
import { escapeHtml } from "../src/report/page";
import { loadSmallHistory } from "./report-history";

const modelsAsOf = async (store: EventStore, asOf: string): Promise<ReportModels> => {
  const { models } = await runProjections(
    store,
    ledgerEvents,
    [campaignLedgerProjection, supervisionProjection] as const,
    { slice: { asOf } },
  );
  return { campaign: models[0], supervision: models[1] };
};

/** Every `data-figure` on the page with its raw value (each key must show one value). */
const figures = (html: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/data-figure="([^"]+)" data-value="([^"]*)"/g)) {
    const [, key, value] = m as unknown as [string, string, string];
    if (key in out) expect(out[key], `figure ${key} shown twice with different values`).toBe(value);
    out[key] = value;
  }
  return out;
};

/** The inline SVG of each chart, by its `data-chart` id. */
const charts = (html: string): Map<string, string> =>
  new Map(
    [...html.matchAll(/<figure class="chart[^"]*" data-chart="([^"]+)"[^>]*>([\s\S]*?)<\/figure>/g)].map(
      (m) => [m[1] ?? "", m[2] ?? ""] as const,
    ),
  );

const CHART_IDS = [
  "wall-workstreams",
  "wall-stages",
  "progress-overall",
  "progress-FS",
  "progress-HC",
  "overdue-units",
  "risk-sectors",
  "risk-districts",
  "supervision-priority",
  "hazard-loop",
  "hazard-ageing",
  "accidents-months",
  "transformation",
];

describe("report data and page on a small history", () => {
  let models: ReportModels;
  let zh: string;
  beforeAll(async () => {
    models = await modelsAsOf(await loadSmallHistory(), "2020-12-31");
    zh = renderReport(models, { asOf: "2020-12-31", lang: "zh" });
  });

  it("gathers the same figures as the projection queries", () => {
    const data = gatherReportData(models, { asOf: "2020-12-31" });
    expect(data.wall).toEqual(wallChart(models.campaign, "2020-12-31"));
    expect(data.overdue).toEqual(overdueList(models.campaign, "2020-12-31"));
    expect(data.risk).toEqual(riskDistribution(models.supervision));
    expect(data.accidents.period).toEqual({ from: "2020-01-01", to: "2020-12-31" });
    expect(data.accidents.stats).toEqual(accidentStats(models.supervision, data.accidents.period));
    // The months add up to the period.
    expect(data.accidents.months.map((m) => m.month)).toHaveLength(12);
    expect(data.accidents.months.reduce((n, m) => n + m.current.accidents, 0)).toBe(4);
    expect(data.accidents.months.reduce((n, m) => n + m.previous.deaths, 0)).toBe(6);
    expect(data.accidents.months.find((m) => m.month === "2020-03")?.previous.accidents).toBe(2);
  });

  it("knows the history: wall chart, overdue by unit and escalation, hazards, progress, transformations", () => {
    const data = gatherReportData(models, { asOf: "2020-12-31" });
    expect(data.wall.total).toMatchObject({
      total: 6,
      overdue: 2,
      completionRate: 0.6,
      verificationRate: 0.4,
    });
    expect(data.workstreams.map((w) => [w.code, w.leadUnit, w.memberUnits])).toEqual([
      ["FS", "GY-FIRE", []],
      ["HC", "GY-EMB", ["GY-ECON", "GY-MARKET"]],
    ]);
    expect(data.workstreams[1]?.byStage.investigation).toEqual({ total: 3, verified: 1 });
    expect(data.overdueByUnit).toEqual([
      {
        unit: "GY-EMB",
        total: 1,
        byEscalation: { none: 0, reminder: 1, "supervision-notice": 0, "accountability-interview": 0 },
      },
      {
        unit: "GY-FIRE",
        total: 1,
        byEscalation: { none: 0, reminder: 0, "supervision-notice": 1, "accountability-interview": 0 },
      },
    ]);
    expect(data.hazards).toMatchObject({ total: 3, open: 2, closed: 1, overdue: 1 });
    expect(data.hazards.bySteps.filter((s) => s.general + s.major > 0)).toEqual([
      { step: "Registered", general: 1, major: 0 },
      { step: "Reported", general: 0, major: 1 },
    ]);
    // H2 discovered 2020-09-01 (121 days), H3 2020-10-01 (91 days): both in 91–180 days.
    expect(data.hazards.ageing.map((a) => a.overdue + a.notOverdue)).toEqual([0, 0, 2, 0, 0]);
    expect(data.hazards.ageing[2]).toEqual({ upTo: 180, overdue: 1, notOverdue: 1 });
    expect(data.hazards.listed.map((h) => [h.hazardId, h.listedBy])).toEqual([["H3", "GY-OFFICE"]]);
    expect(data.progress.dates).toEqual([
      "2020-04-30",
      "2020-05-31",
      "2020-06-30",
      "2020-07-31",
      "2020-08-31",
      "2020-09-30",
      "2020-10-31",
      "2020-11-30",
      "2020-12-31",
    ]);
    // HC-03 (due 2020-11-30) was cancelled: never planned; FS-03 is due in 2021.
    expect(data.progress.overall.planned).toEqual([0, 0, 0, 1, 2, 3, 4, 4, 4]);
    expect(data.progress.overall.verified).toEqual([0, 0, 0, 1, 2, 2, 2, 2, 2]);
    expect(data.progress.byWorkstream.find((s) => s.key === "FS")?.planned).toEqual([
      0, 0, 0, 1, 1, 2, 2, 2, 2,
    ]);
    expect(data.transformation.map((p) => p.period.from)).toEqual(["2020-04-01", "2020-07-01", "2020-10-01"]);
    expect(data.transformation.map((p) => p.indicators.selfInspection.percent)).toEqual([100, 0, 0]);
    expect(data.supervision.map((r) => [r.entityId, r.priority])).toEqual([
      ["E2", "high"], // an overdue hazard: first among the high ones
      ["E1", "high"],
      ["E3", "routine"],
    ]);
  });

  it("shows the figures on the page, accident figures equal to accidentStats", () => {
    const period = { from: "2020-01-01", to: "2020-11-30" };
    const html = renderReport(models, { asOf: "2020-12-31", lang: "zh", period });
    const shown = figures(html);
    const stats = accidentStats(models.supervision, period);
    expect(stats.current).toMatchObject({ accidents: 3, deaths: 2 });
    expect(shown).toMatchObject({
      asOf: "2020-12-31",
      "accidents.current.accidents": String(stats.current.accidents),
      "accidents.current.deaths": String(stats.current.deaths),
      "accidents.previous.accidents": "5",
      "accidents.previous.deaths": "6",
      "accidents.decrease.accidents": "2",
      "accidents.decrease.deaths": "4",
      "accidents.changePercent.accidents": "-40",
      "accidents.changePercent.deaths": "-66.7",
      "accidents.zeroControl": "true",
      "wall.total": "6",
      "wall.overdue": "2",
      "wall.completionRate": "0.6",
      "hazards.open": "2",
      "hazards.overdue": "1",
      "hazards.listed": "1",
      "risk.total.red": "1",
      "risk.total.orange": "1",
      "risk.total.yellow": "1",
      "risk.total.blue": "1",
    });
    // the casualty lists, by outcome, with no names
    expect(stats.listed).toEqual({
      accidents: 2,
      counts: { dead: 1, "seriously-injured": 0, injured: 1, missing: 1 },
    });
    expect(shown).toMatchObject({
      "accidents.listed.accidents": "2",
      "accidents.listed.dead": "1",
      "accidents.listed.seriously-injured": "0",
      "accidents.listed.injured": "1",
      "accidents.listed.missing": "1",
    });
    expect(Number(shown["accidents.listed.dead"])).toBeLessThanOrEqual(
      Number(shown["accidents.current.deaths"]),
    );
    expect(html).toContain("伤亡人员名单（只计人数，不含姓名）：");
    for (const name of ["Casualty One", "Casualty Two", "Casualty Three"]) expect(html).not.toContain(name);
    expect(html).toContain("-66.7%");
    expect(html).toContain("2019-01-01 – 2019-11-30");
    // The default period, to the as-of date, takes in December too.
    expect(figures(zh)["accidents.current.accidents"]).toBe("4");
  });

  it("draws every chart as inline SVG with marks in it", () => {
    const drawn = charts(zh);
    expect([...drawn.keys()].sort()).toEqual([...CHART_IDS].sort());
    for (const [id, svg] of drawn) {
      expect(svg, id).toMatch(/^<figcaption>[^<]+<\/figcaption><svg class="chart-svg"/);
      expect(svg.match(/<(path|rect)\b/g)?.length ?? 0, id).toBeGreaterThan(5);
      expect(svg, id).not.toContain("暂无数据");
    }
    // The four official colours fill the heat map cells.
    const heat = drawn.get("risk-sectors") ?? "";
    for (const colour of ["rgb(230,0,18)", "rgb(243,152,0)", "rgb(255,225,0)", "rgb(0,104,183)"])
      expect(heat).toContain(`fill="${colour}"`);
    // SVG ids are unique across the page (clip paths of one chart never clip another).
    const ids = [...zh.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is self-contained: no script, no external resource, a CSP that forbids fetching", () => {
    expect(zh).not.toMatch(/<script|<link|<iframe|<img|@import|@font-face|url\((?!#)/i);
    const urls = [...zh.matchAll(/https?:\/\/[^"'\s)]+/g)].map((m) => m[0]);
    expect(new Set(urls)).toEqual(new Set(["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]));
    expect(zh).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(zh).toContain("@page { size: A3 landscape;");
    expect(zh.startsWith("<!DOCTYPE html>")).toBe(true);
  });

  it("labels in Chinese by default and in English when asked", () => {
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain("截至 2020-12-31");
    expect(zh).toContain("较大及以上事故零控制");
    expect(zh).toContain("危险化学品"); // a sector name from the reference list
    const en = renderReport(models, { asOf: "2020-12-31", lang: "en" });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("As of 2020-12-31");
    expect(en).toContain("Zero larger-or-above accidents");
    expect(en).toContain("Hazardous chemicals");
    expect(en).not.toContain("较大及以上事故零控制");
    expect(figures(en)).toEqual(figures(zh));
  });

  it("is deterministic: the same models give the same bytes", () => {
    expect(renderReport(models, { asOf: "2020-12-31", lang: "zh" })).toBe(zh);
    expect(zh).not.toMatch(/\bzr\d+-/);
  });

  it("as of an earlier date shows that date's ledger", async () => {
    const earlier = await modelsAsOf(await loadSmallHistory(), "2020-09-30");
    const html = renderReport(earlier, { asOf: "2020-09-30", lang: "zh" });
    const shown = figures(html);
    // FS-02 is due that day: not overdue yet; H3 is not registered yet.
    expect(shown).toMatchObject({ "wall.overdue": "0", "hazards.open": "1", "hazards.listed": "0" });
    expect(shown["accidents.current.accidents"]).toBe("3");
    expect(html).toContain("截至该日无逾期要素。");
    expect(charts(html).get("overdue-units")).toContain("暂无数据");
  });

  it("renders an empty ledger, every chart saying there is nothing to draw", async () => {
    const html = renderReport(await modelsAsOf(createMemoryStore(), "2021-03-31"), {
      asOf: "2021-03-31",
      lang: "en",
    });
    const drawn = charts(html);
    expect(drawn.size).toBeGreaterThan(8);
    for (const [id, svg] of drawn)
      if (id === "accidents-months") expect(svg, id).not.toContain("No data");
      else expect(svg, id).toContain("No data");
    // No accident is a figure too: the months are drawn, at zero, and there is nothing to compare.
    expect(figures(html)).toMatchObject({
      "wall.total": "0",
      "accidents.current.accidents": "0",
      "accidents.changePercent.accidents": "null",
    });
  });

  it("escapes text taken from the ledger", () => {
    expect(escapeHtml(`<b title="x">A & B's</b>`)).toBe(
      "&lt;b title=&quot;x&quot;&gt;A &amp; B&#39;s&lt;/b&gt;",
    );
  });
});

describe("safety-ledger report", () => {
  let dir: string;
  let store: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "report-cli-"));
    store = `sqlite:${join(dir, "ledger.db")}`;
    const sqlite = createSqliteStore({ path: join(dir, "ledger.db") });
    await loadSmallHistory(sqlite);
    await sqlite.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(["--store", store, ...args], {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      interactive: false,
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  it("writes the page; its accident figures are those of `stats accidents --json`", async () => {
    const file = join(dir, "report.html");
    const r = await cli(
      "--lang",
      "zh",
      "report",
      "--html",
      file,
      "--as-of",
      "2020-12-31",
      "--from",
      "2020-01-01",
      "--to",
      "2020-11-30",
    );
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/^已写入 .*report\.html（\d+ KB）：截至 2020-12-31 的账本，\d+ 个事件$/);
    const page = readFileSync(file, "utf8");
    // The footer pins the ledger state the page was drawn from.
    expect(page).toMatch(
      /<span class="stamp"> Ledger: \d+ events, position \d+, head [0-9a-f]{64}\.<\/span>/,
    );
    const shown = figures(page);
    const s = await cli("stats", "accidents", "--from", "2020-01-01", "--to", "2020-11-30", "--json");
    expect(s.code).toBe(0);
    const stats = JSON.parse(s.out);
    expect(Number(shown["accidents.current.accidents"])).toBe(stats.current.accidents);
    expect(Number(shown["accidents.current.deaths"])).toBe(stats.current.deaths);
    expect(Number(shown["accidents.previous.accidents"])).toBe(stats.previous.accidents);
    expect(Number(shown["accidents.previous.deaths"])).toBe(stats.previous.deaths);
    expect(Number(shown["accidents.decrease.accidents"])).toBe(stats.decrease.accidents);
    expect(Number(shown["accidents.decrease.deaths"])).toBe(stats.decrease.deaths);
    expect(Number(shown["accidents.changePercent.accidents"])).toBe(stats.changePercent.accidents);
    expect(Number(shown["accidents.changePercent.deaths"])).toBe(stats.changePercent.deaths);
    expect(shown["accidents.zeroControl"]).toBe(String(stats.zeroControl));
    expect(Number(shown["accidents.listed.accidents"])).toBe(stats.listed.accidents);
    for (const outcome of ["dead", "seriously-injured", "injured", "missing"])
      expect(Number(shown[`accidents.listed.${outcome}`]), outcome).toBe(stats.listed.counts[outcome]);
  });

  it("English with --lang en", async () => {
    const file = join(dir, "report-en.html");
    expect((await cli("report", "--html", file, "--as-of", "2020-12-31", "--lang", "en")).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("As of 2020-12-31");
  });

  it("usage errors exit 2 and write nothing; an unwritable file exits 1", async () => {
    const file = join(dir, "never.html");
    expect((await cli("report", "--html", file, "--lang", "fr")).code).toBe(2);
    expect((await cli("report", "--html", file, "--as-of", "2020-02-30")).code).toBe(2);
    expect((await cli("report", "--as-of", "2020-12-31")).code).toBe(2);
    const reversed = await cli(
      "--lang",
      "en",
      "report",
      "--html",
      file,
      "--as-of",
      "2020-12-31",
      "--from",
      "2020-06-01",
      "--to",
      "2020-05-01",
    );
    expect(reversed).toMatchObject({
      code: 2,
      err: expect.stringContaining("--from 2020-06-01 is after --to 2020-05-01"),
    });
    expect((await cli("report", "--html", file, "--as-of", "2020-06-30", "--to", "2020-07-31")).code).toBe(2);
    expect(existsSync(file)).toBe(false);
    const bad = await cli(
      "--lang",
      "zh",
      "report",
      "--html",
      join(dir, "no-such-dir", "r.html"),
      "--as-of",
      "2020-12-31",
    );
    // in the language asked for, like every error of the CLI's own
    expect(bad).toMatchObject({ code: 1, err: expect.stringContaining("无法写入") });
    const badEn = await cli(
      "--lang",
      "en",
      "report",
      "--html",
      join(dir, "no-such-dir", "r.html"),
      "--as-of",
      "2020-12-31",
    );
    expect(badEn).toMatchObject({ code: 1, err: expect.stringContaining("cannot write") });
  });
});
