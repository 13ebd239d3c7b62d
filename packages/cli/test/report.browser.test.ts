/**
 * The report of the Guangyuan scenario, opened in a real browser (Debian's chromium, driven by
 * playwright-core): no console error, nothing fetched but the file itself, every chart drawn,
 * the accident figures on the page equal to `stats accidents --json`, and a screenshot for
 * people to look at (docs/report-example.png).
 *
 * Runs the built CLI (`pnpm --filter @safety-ledger/cli build` first, as `pnpm test` does).
 * Chromium is installed by .ci/run; this test fails, never skips, when it is missing.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(root, "packages/cli/dist/bin.js");
const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOT = join(root, "docs/report-example.png");

/** The published comparison: Jan–Nov 2020 against Jan–Nov 2019 (domain reference §5). */
const PERIOD = { from: "2020-01-01", to: "2020-11-30" };
const AS_OF = "2020-12-31";

const CHARTS = [
  "wall-workstreams",
  "wall-stages",
  "progress-overall",
  "overdue-units",
  "risk-sectors",
  "risk-districts",
  "supervision-priority",
  "hazard-loop",
  "hazard-ageing",
  "accidents-months",
  "transformation",
];

describe("the Guangyuan report in chromium", () => {
  let dir: string;
  let html: string;
  let stats: {
    current: { accidents: number; deaths: number };
    previous: { accidents: number; deaths: number };
    decrease: { accidents: number; deaths: number };
    changePercent: { accidents: number | null; deaths: number | null };
    zeroControl: boolean;
  };
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `${CHROMIUM} is missing: the report's browser tests need Debian's chromium (.ci/run installs it: apt-get install -y --no-install-recommends chromium)`,
      );
    if (!existsSync(bin))
      throw new Error(`${bin} is missing: run \`pnpm --filter @safety-ledger/cli build\` first`);
    dir = mkdtempSync(join(tmpdir(), "report-browser-"));
    const store = `sqlite:${join(dir, "guangyuan.db")}`;
    const cli = (...args: string[]) => run(process.execPath, [bin, "--store", store, ...args], { cwd: dir });
    await cli("demo");
    html = join(dir, "report.html");
    const written = await cli(
      "report",
      "--html",
      html,
      "--as-of",
      AS_OF,
      "--from",
      PERIOD.from,
      "--to",
      PERIOD.to,
    );
    // "已写入 FILE …" (or "wrote FILE …" in an English locale)
    expect(written.stdout).toContain(html);
    stats = JSON.parse(
      (await cli("stats", "accidents", "--from", PERIOD.from, "--to", PERIOD.to, "--json")).stdout,
    );

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1131 } });
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(html).href, { waitUntil: "load" });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("loads with no console error and no request but the file itself", () => {
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(html).href]);
    expect(requests.every((u) => u.startsWith("file:"))).toBe(true);
  });

  it("draws every chart: an SVG of real size with marks in it", async () => {
    const drawn = await page.$$eval("figure[data-chart]", (figures) =>
      figures.map((f) => {
        const svg = f.querySelector("svg");
        const box = svg?.getBoundingClientRect();
        const marks = svg === null ? [] : [...svg.querySelectorAll("path, rect")];
        const painted = marks.filter((m) => {
          const paint = (name: string) => {
            const v = (m.getAttribute(name) ?? "none").replace(/\s/g, "");
            return v !== "none" && v !== "transparent" && v !== "rgba(0,0,0,0)";
          };
          const filled = paint("fill");
          const stroked = paint("stroke");
          const r = m.getBoundingClientRect();
          return (filled || stroked) && r.width * r.height > 0;
        });
        return {
          id: f.getAttribute("data-chart") ?? "",
          empty: f.getAttribute("data-empty") === "true",
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: painted.length,
          texts: svg === null ? 0 : svg.querySelectorAll("text").length,
        };
      }),
    );
    const ids = drawn.map((d) => d.id);
    for (const id of CHARTS) expect(ids).toContain(id);
    // One small progress chart per workstream: 2 topics + 13 projects.
    expect(ids.filter((id) => id.startsWith("progress-") && id !== "progress-overall")).toHaveLength(15);
    for (const d of drawn) {
      expect(d.empty, d.id).toBe(false);
      expect(d.width, d.id).toBeGreaterThan(200);
      expect(d.height, d.id).toBeGreaterThan(80);
      expect(d.marks, d.id).toBeGreaterThan(3);
      expect(d.texts, d.id).toBeGreaterThan(3);
    }
  });

  it("shows the accident figures of `stats accidents --json`: the published ones", async () => {
    const shown = Object.fromEntries(
      await page.$$eval("[data-figure^='accidents.']", (els) =>
        els.map((e) => [
          e.getAttribute("data-figure"),
          { value: e.getAttribute("data-value"), text: e.textContent },
        ]),
      ),
    ) as Record<string, { value: string; text: string }>;
    const expected: Record<string, number | boolean | null> = {
      "accidents.current.accidents": stats.current.accidents,
      "accidents.current.deaths": stats.current.deaths,
      "accidents.previous.accidents": stats.previous.accidents,
      "accidents.previous.deaths": stats.previous.deaths,
      "accidents.decrease.accidents": stats.decrease.accidents,
      "accidents.decrease.deaths": stats.decrease.deaths,
      "accidents.changePercent.accidents": stats.changePercent.accidents,
      "accidents.changePercent.deaths": stats.changePercent.deaths,
      "accidents.zeroControl": stats.zeroControl,
    };
    for (const [key, value] of Object.entries(expected)) {
      expect(shown[key]?.value, key).toBe(String(value));
      if (typeof value === "number") expect(shown[key]?.text, key).toContain(String(value));
    }
    // …which are the city's published figures (domain reference §5).
    expect(stats).toMatchObject({
      current: { accidents: 31, deaths: 30 },
      previous: { accidents: 53, deaths: 55 },
      decrease: { accidents: 22, deaths: 25 },
      changePercent: { accidents: -41.5, deaths: -45.5 },
      zeroControl: true,
    });
    const visible = (await page.locator("#accidents").textContent()) ?? "";
    for (const text of ["31起", "30人", "53起", "55人", "-41.5%", "-45.5%", "实现"])
      expect(visible).toContain(text);
  });

  it("shows the wall chart of 291 elements in 15 workstreams, with their units", async () => {
    const total = await page.getAttribute("[data-figure='wall.total']", "data-value");
    expect(total).toBe("291");
    const rows = await page.$$eval("table[data-table='workstreams'] tbody tr", (trs) => trs.length);
    expect(rows).toBe(15);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).not.toMatch(/<script/i);
  });

  it("prints on A3 landscape, as its own CSS asks", async () => {
    await page.emulateMedia({ media: "print" });
    // No format given: the page's `@page { size: A3 landscape }` decides.
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: "screen" });
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    const pages = text.match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(7); // a page per section at least
    expect(pages).toBeLessThan(30);
    // A3 landscape is 420 mm × 297 mm = 1190.55 pt × 841.89 pt (chromium rounds to whole pixels).
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes.length).toBeGreaterThan(0);
    for (const [, w, h] of boxes) {
      expect(Number(w)).toBeCloseTo(1190.55, -1);
      expect(Number(h)).toBeCloseTo(841.89, -1);
    }
  });

  it("writes a screenshot for people to look at", async () => {
    // The ledger stamp (head hash) differs on every run; without it the picture is the same
    // from run to run, so the committed screenshot changes only when the page does.
    await page.locator("footer .stamp").evaluate((e) => (e as unknown as { remove(): void }).remove());
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(1600); // the width in the IHDR chunk
    expect(png.readUInt32BE(20)).toBeGreaterThan(3000); // the whole page, not the first screen
  });
});
