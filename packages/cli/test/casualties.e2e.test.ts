/**
 * End-to-end: the structured casualty list of an accident report (docs/privacy.md) through the
 * built binary: `submit` and `import accidents` take it; on an encrypted ledger the names and ID
 * numbers are ciphertext in the file, revealed with the key and `[encrypted]` without; a list
 * naming more dead than the deaths figure is refused with the code's sentence in both languages.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, countEvents, json, requireBuild, tempDir } from "./helpers";

const DEAD = "Shi Guangming";
const DEAD_ID = "11010519491231002X";
const INJURED = "Tang Xiaohui";
const IMPORTED = "Luo Dashan";

let temp: ReturnType<typeof tempDir>;
let db: string;
let key: string;

const withKey = (args: ReadonlyArray<string>, lang = "en") => ["--master-key", key, "--lang", lang, ...args];
const fileBytes = (file: string): Buffer =>
  Buffer.concat([file, `${file}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));

const report = (accidentId: string, deaths: number, casualties: unknown) =>
  JSON.stringify({
    type: "ReportAccident",
    commandId: `rep-${accidentId}`,
    actor: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
    occurredAt: "2020-08-03T10:00:00+08:00",
    data: {
      accidentId,
      occurredAt: "2020-08-03T09:30:00+08:00",
      deaths,
      seriousInjuries: 0,
      directLossFen: 1_000_000,
      description: "Collapse of a quarry face (names in the casualty list)",
      sector: "non-coal-mine",
      district: "lizhou",
      casualties,
    },
  });

beforeAll(async () => {
  requireBuild();
  temp = tempDir();
  db = join(temp.dir, "ledger.db");
  key = join(temp.dir, "master.json");
  expect((await cli(["privacy", "master-key", key])).code).toBe(0);
}, 60_000);
afterAll(() => temp?.remove());

describe("the casualty list of an accident report", () => {
  it("is encrypted in the file, revealed with the key, [encrypted] without", async () => {
    const list = [
      { name: DEAD, outcome: "dead", idNumber: DEAD_ID },
      { name: INJURED, outcome: "injured" },
    ];
    const r = await cli(
      ["--encrypt", "sm4-gcm", ...withKey(["submit", "-"])],
      db,
      `${report("A-CAS-1", 1, list)}\n`,
    );
    expect(r.code, r.stderr).toBe(0);
    const bytes = fileBytes(db);
    for (const value of [DEAD, DEAD_ID, INJURED]) expect(bytes.includes(value)).toBe(false);
    const revealed = await cli(withKey(["history", "accident-A-CAS-1", "--json"]), db);
    const [event] = json<Array<{ data: { casualties: unknown } }>>(revealed);
    expect(event!.data.casualties).toEqual(list);
    const keyless = await cli(["--lang", "en", "history", "accident-A-CAS-1", "--json"], db);
    expect(keyless.code).toBe(0);
    expect(keyless.stdout).not.toContain(DEAD);
    expect(json<Array<{ data: { casualties: unknown } }>>(keyless)[0]!.data.casualties).toEqual([
      { name: "[encrypted]", outcome: "dead", idNumber: "[encrypted]" },
      { name: "[encrypted]", outcome: "injured" },
    ]);
    const subjects = json<Array<{ subject: string }>>(
      await cli(withKey(["privacy", "subjects", "accident-", "--json"]), db),
    );
    // a subject per person: each casualty's name and ID number erasable on their own
    expect(subjects).toHaveLength(2);
    for (const s of subjects) expect(s.subject).toMatch(/^accident-A-CAS-1\/casualty\//);
    expect(new Set(subjects.map((s) => s.subject)).size).toBe(2);
  });

  it("is refused when it names more dead than the deaths figure, or a malformed ID number", async () => {
    const before = countEvents(db);
    const two = [
      { name: DEAD, outcome: "dead" },
      { name: INJURED, outcome: "dead" },
    ];
    const en = await cli(withKey(["submit", "-"]), db, `${report("A-CAS-2", 1, two)}\n`);
    expect(en.code).toBe(1);
    expect(en.stdout + en.stderr).toContain("names 2 dead, more than its 1 deaths");
    const zh = await cli(withKey(["submit", "-"], "zh"), db, `${report("A-CAS-2", 1, two)}\n`);
    expect(zh.code).toBe(1);
    expect(zh.stdout + zh.stderr).toContain("列出死亡 2 人，多于死亡人数 1");
    const badId = await cli(
      withKey(["submit", "-"]),
      db,
      `${report("A-CAS-3", 1, [{ name: DEAD, outcome: "dead", idNumber: "110105194912310021" }])}\n`,
    );
    expect(badId.code).toBe(1);
    expect(badId.stdout + badId.stderr).toContain("data.casualties.0.idNumber");
    // the refusal names the field, not the number
    expect(badId.stdout + badId.stderr).not.toContain("110105194912310021");
    expect(countEvents(db)).toBe(before);
  });

  it("comes in through import accidents, name/outcome[/ID number] separated by ';'", async () => {
    const csv = join(temp.dir, "accidents.csv");
    writeFileSync(
      csv,
      [
        "事故编号,发生时间,死亡人数,重伤人数,直接经济损失（分）,事故简况,所属行业,所在区县,伤亡人员",
        `A-CAS-4,2020-08-05T09:30:00+08:00,1,1,200000,Scaffold collapse,construction,lizhou,${IMPORTED}/死亡/${DEAD_ID}; ${INJURED}/重伤`,
        "",
      ].join("\n"),
    );
    const r = await cli(withKey(["import", "accidents", csv, "--as", "GY-EMB/department/Zhang Min"]), db);
    expect(r.code, r.stderr).toBe(0);
    expect(fileBytes(db).includes(IMPORTED)).toBe(false);
    const [event] = json<Array<{ data: { casualties: unknown } }>>(
      await cli(withKey(["history", "accident-A-CAS-4", "--json"]), db),
    );
    expect(event!.data.casualties).toEqual([
      { name: IMPORTED, outcome: "dead", idNumber: DEAD_ID },
      { name: INJURED, outcome: "seriously-injured" },
    ]);
    const listed = await cli(withKey(["list", "accidents", "--csv"]), db);
    expect(listed.stdout).not.toContain(IMPORTED);
    writeFileSync(csv, readFileSync(csv, "utf8").replace("A-CAS-4", "A-CAS-5").replace("/死亡/", "/烧伤/"));
    const bad = await cli(withKey(["import", "accidents", csv, "--as", "GY-EMB/department/Zhang Min"]), db);
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toContain("column 伤亡人员: must be persons separated by ';'");
    // the reason does not quote the cell: it holds names and ID numbers
    for (const value of [IMPORTED, DEAD_ID]) expect(bad.stdout + bad.stderr).not.toContain(value);
  });
});

describe("casualty counts in the lists and the statistics", () => {
  it("list accidents and stats accidents show a list's counts per outcome, never its names, agreeing with the figures", async () => {
    const ledger = join(temp.dir, "counts.db");
    const input = [
      report("A-CNT-1", 2, [
        { name: DEAD, outcome: "dead", idNumber: DEAD_ID },
        { name: INJURED, outcome: "missing" },
      ]),
      report("A-CNT-2", 1, undefined),
      report("A-CNT-3", 1, [
        { name: IMPORTED, outcome: "dead" },
        { name: `${IMPORTED} Jr`, outcome: "injured" },
      ]),
    ].join("\n");
    const r = await cli(["--encrypt", "aes-256-gcm", ...withKey(["submit", "-"])], ledger, `${input}\n`);
    expect(r.code, r.stderr).toBe(0);

    const rows = (out: string) =>
      Object.fromEntries(
        out
          .split("\n")
          .filter((l) => l.includes("A-CNT-"))
          .map((l) => [l.match(/A-CNT-\d/)![0], l]),
      );
    const zh = await cli(withKey(["list", "accidents", "--as-of", "2020-12-31"], "zh"), ledger);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain("伤亡人员名单");
    expect(rows(zh.stdout)["A-CNT-1"]).toContain("死亡 1、失踪 1");
    expect(rows(zh.stdout)["A-CNT-3"]).toContain("死亡 1、轻伤 1");
    expect(rows(zh.stdout)["A-CNT-2"]).not.toMatch(/死亡 \d/);
    const en = await cli(withKey(["list", "accidents", "--as-of", "2020-12-31"]), ledger);
    expect(en.stdout).toContain("casualty list");
    expect(rows(en.stdout)["A-CNT-1"]).toContain("dead 1; missing 1");
    // the same from a replay as from the read tables
    const replayed = await cli(withKey(["--replay", "list", "accidents", "--as-of", "2020-12-31"]), ledger);
    expect(replayed.stdout).toBe(en.stdout);
    for (const name of [DEAD, DEAD_ID, INJURED, IMPORTED])
      expect(zh.stdout + en.stdout, name).not.toContain(name);

    // --json: the counts beside the figures they are within
    const listed = json<{
      rows: Array<{ accidentId: string; deaths: number; listed?: Record<string, number> }>;
    }>(await cli(withKey(["list", "accidents", "--as-of", "2020-12-31", "--json"]), ledger));
    const byId = Object.fromEntries(listed.rows.map((row) => [row.accidentId, row]));
    expect(byId["A-CNT-1"]!.listed).toEqual({ dead: 1, "seriously-injured": 0, injured: 0, missing: 1 });
    expect(byId["A-CNT-2"]!.listed).toBeUndefined();
    for (const row of listed.rows) expect(row.listed?.dead ?? 0).toBeLessThanOrEqual(row.deaths);

    const period = ["stats", "accidents", "--from", "2020-01-01", "--to", "2020-12-31"];
    const stats = json<{
      current: { deaths: number };
      listed: { accidents: number; counts: Record<string, number> };
    }>(await cli(withKey([...period, "--json"]), ledger));
    expect(stats.listed).toEqual({
      accidents: 2,
      counts: { dead: 2, "seriously-injured": 0, injured: 1, missing: 1 },
    });
    expect(stats.current.deaths).toBe(4);
    // the statistics' counts are the sums of the list's rows
    for (const outcome of ["dead", "seriously-injured", "injured", "missing"])
      expect(stats.listed.counts[outcome]).toBe(
        listed.rows.reduce((n, row) => n + (row.listed?.[outcome] ?? 0), 0),
      );
    const statsZh = await cli(withKey(period, "zh"), ledger);
    expect(statsZh.code, statsZh.stderr).toBe(0);
    expect(statsZh.stdout).toContain(
      "伤亡人员名单：本期 2 起事故有名单，共列出 死亡 2、轻伤 1、失踪 1（不含姓名）。",
    );
    const statsEn = await cli(withKey(period), ledger);
    expect(statsEn.stdout).toContain(
      "Casualty lists: 2 accidents of the period have one, naming dead 2; injured 1; missing 1 (no names).",
    );
  });
});

describe("revising a casualty list", () => {
  const revision = (accidentId: string, n: string, deaths: number, casualties: unknown) =>
    JSON.stringify({
      type: "ReviseAccidentCasualties",
      commandId: `rev-${accidentId}-${n}`,
      actor: { unit: "GY-EMB", role: "department", person: "Zhang Min" },
      occurredAt: "2020-08-10T10:00:00+08:00",
      data: {
        accidentId,
        deaths,
        seriousInjuries: 0,
        reason: "The missing person was found dead",
        casualties,
      },
    });
  const FOUND = "Gao Shanshan";

  it("submit takes a new list: encrypted, each person a new subject, held to the revised figures", async () => {
    const ledger = join(temp.dir, "revised.db");
    const first = [
      { name: DEAD, outcome: "dead", idNumber: DEAD_ID },
      { name: FOUND, outcome: "missing" },
    ];
    const r = await cli(
      ["--encrypt", "sm4-gcm", ...withKey(["submit", "-"])],
      ledger,
      `${report("A-REV-1", 1, first)}\n`,
    );
    expect(r.code, r.stderr).toBe(0);
    const subjectsOf = async () =>
      json<Array<{ subject: string }>>(
        await cli(withKey(["privacy", "subjects", "accident-A-REV-1", "--json"]), ledger),
      )
        .map((s) => s.subject)
        .sort();
    const before = await subjectsOf();
    expect(before).toHaveLength(2);

    // a list naming 2 dead against a revised figure of 1 is refused, in either language, and appends nothing
    const found = [
      { name: DEAD, outcome: "dead", idNumber: DEAD_ID },
      { name: FOUND, outcome: "dead" },
    ];
    const events = countEvents(ledger);
    const over = await cli(withKey(["submit", "-"]), ledger, `${revision("A-REV-1", "over", 1, found)}\n`);
    expect(over.code).toBe(1);
    expect(over.stdout + over.stderr).toContain("names 2 dead, more than its 1 deaths");
    const overZh = await cli(
      withKey(["submit", "-"], "zh"),
      ledger,
      `${revision("A-REV-1", "over", 1, found)}\n`,
    );
    expect(overZh.stdout + overZh.stderr).toContain("列出死亡 2 人，多于死亡人数 1");
    expect(countEvents(ledger)).toBe(events);

    const ok = await cli(withKey(["submit", "-"]), ledger, `${revision("A-REV-1", "ok", 2, found)}\n`);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(countEvents(ledger)).toBe(events + 1);
    // the names are ciphertext in the file; the history reveals them with the key
    const bytes = fileBytes(ledger);
    for (const value of [DEAD, DEAD_ID, FOUND]) expect(bytes.includes(value), value).toBe(false);
    const history = json<Array<{ type: string; data: { casualties?: unknown } }>>(
      await cli(withKey(["history", "accident-A-REV-1", "--json"]), ledger),
    );
    expect(history.map((e) => e.type)).toEqual(["AccidentReported", "AccidentCasualtiesRevised"]);
    expect(history[1]!.data.casualties).toEqual(found);
    const keyless = await cli(["--lang", "en", "history", "accident-A-REV-1", "--json"], ledger);
    expect(keyless.stdout).not.toContain(FOUND);
    // the new list's persons are subjects of their own; the report's stay, erasable as before
    const after = await subjectsOf();
    expect(after).toHaveLength(4);
    for (const s of before) expect(after).toContain(s);
    for (const s of after) expect(s).toMatch(/^accident-A-REV-1\/casualty\//);
    // import: a re-imported row with revised figures and a list revises the list too
    const csv = join(temp.dir, "revised.csv");
    const sheet = (deaths: number, list: string) =>
      [
        "事故编号,发生时间,死亡人数,重伤人数,直接经济损失（分）,事故简况,所属行业,所在区县,伤亡人员",
        `A-REV-2,2020-08-05T09:30:00+08:00,${deaths},0,200000,Scaffold collapse,construction,lizhou,${list}`,
        "",
      ].join("\n");
    const importAs = ["import", "accidents", csv, "--as", "GY-EMB/department/Zhang Min"];
    writeFileSync(csv, sheet(1, `${IMPORTED}/死亡; ${INJURED}/失踪`));
    const imported = await cli(withKey([...importAs, "--on", "2020-08-05"]), ledger);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    writeFileSync(csv, sheet(1, `${IMPORTED}/死亡; ${INJURED}/死亡`));
    // the figures unchanged, the list is not compared: nothing is revised (that is submit's)
    const beforeListOnly = countEvents(ledger);
    const listOnly = await cli(withKey([...importAs, "--on", "2020-08-12"]), ledger);
    expect(listOnly.code, listOnly.stdout + listOnly.stderr).toBe(0);
    expect(countEvents(ledger)).toBe(beforeListOnly);
    writeFileSync(csv, sheet(2, `${IMPORTED}/死亡; ${INJURED}/死亡`));
    const reimported = await cli(withKey([...importAs, "--on", "2020-08-12"]), ledger);
    expect(reimported.code, reimported.stdout + reimported.stderr).toBe(0);
    const revisedHistory = json<Array<{ type: string; data: { casualties?: unknown } }>>(
      await cli(withKey(["history", "accident-A-REV-2", "--json"]), ledger),
    );
    expect(revisedHistory.map((e) => e.type)).toEqual(["AccidentReported", "AccidentCasualtiesRevised"]);
    expect(revisedHistory[1]!.data.casualties).toEqual([
      { name: IMPORTED, outcome: "dead" },
      { name: INJURED, outcome: "dead" },
    ]);
    expect(fileBytes(ledger).includes(INJURED)).toBe(false);
    // the lists show the revised list's counts
    const listed = json<{
      rows: Array<{ accidentId: string; deaths: number; listed?: Record<string, number> }>;
    }>(await cli(withKey(["list", "accidents", "--as-of", "2020-12-31", "--json"]), ledger));
    expect(listed.rows.find((row) => row.accidentId === "A-REV-1")).toMatchObject({
      deaths: 2,
      listed: { dead: 2, "seriously-injured": 0, injured: 0, missing: 0 },
    });
    expect(json(await cli(["audit", "verify", "--json"], ledger))).toMatchObject({ ok: true });
  });
});
