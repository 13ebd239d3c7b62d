/**
 * A refusal to its actor (the role check, a rule's condition) is said wholly in Chinese by
 * default and in English with `--lang en`, from the coded reason; through the built CLI.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, requireBuild, tempDir } from "./helpers";

const NO_LOCALE = { LANG: "" };
const ENTERPRISE = ["--as", "E-9/enterprise/王五"];

let temp: ReturnType<typeof tempDir>;
let accidents: string;
let entities: string;
beforeAll(() => {
  requireBuild();
  temp = tempDir();
  accidents = join(temp.dir, "accidents.csv");
  writeFileSync(
    accidents,
    [
      "事故编号,发生时间,死亡人数,重伤人数,直接经济损失（元）,事故简况,所属行业,所在区县,事故类型",
      "A-1,2020/3/5 9:30,0,1,1000,高处坠落,危险化学品,利州区,其他",
      "",
    ].join("\r\n"),
  );
  entities = join(temp.dir, "entities.csv");
  writeFileSync(
    entities,
    [
      "企业编号,企业名称,所属行业,所在区县,监管部门,主要负责人,安全管理人员,登记日期",
      "E-1,广元某化工有限公司,危险化学品,利州区,GY-EMB,李明,赵磊,2020-07-01",
      "",
    ].join("\r\n"),
  );
});
afterAll(() => temp.remove());

/** A line's words once the actor, units and command names are out. */
const reasonWords = (line: string): string =>
  line.replace(/E-9|GY-EMB|王五|[A-Z][a-z]+(?:[A-Z][a-z]+)+/g, "");

describe("a refusal to the actor", () => {
  it("of a rule's condition is said in Chinese by default, in English with --lang en", async () => {
    const zh = await cli(
      ["import", "accidents", accidents, ...ENTERPRISE],
      join(temp.dir, "a.db"),
      undefined,
      NO_LOCALE,
    );
    expect(zh.code).toBe(1);
    expect(zh.stdout).toContain("王五（E-9，企业）不得发出 ReportAccident：企业只能报告本企业的事故。");
    const en = await cli(
      ["import", "accidents", accidents, ...ENTERPRISE, "--lang", "en"],
      join(temp.dir, "b.db"),
    );
    expect(en.code).toBe(1);
    expect(en.stdout).toContain(
      "王五 (E-9, enterprise) may not issue ReportAccident: an enterprise reports only accidents of its own.",
    );
  });

  it("of the role check is said in Chinese by default, with the roles by their names", async () => {
    const zh = await cli(
      ["import", "entities", entities, ...ENTERPRISE],
      join(temp.dir, "c.db"),
      undefined,
      NO_LOCALE,
    );
    expect(zh.code).toBe(1);
    const line = zh.stdout.split("\n").find((l) => l.includes("RegisterEntity"));
    expect(line).toMatch(/王五（E-9）以企业身份办理；RegisterEntity 只能由.+发出。/);
    expect(reasonWords(line ?? "")).not.toMatch(/[A-Za-z]{2,}/);
    const json = await cli(
      ["import", "entities", entities, ...ENTERPRISE, "--json"],
      join(temp.dir, "d.db"),
      undefined,
      NO_LOCALE,
    );
    expect(json.stdout).toContain('"code":"PERMISSION_DENIED"');
    expect(json.stdout).toContain("acts as enterprise; RegisterEntity may only be issued by");
  });
});
