/** The Chinese help names every command of the program, and only those. */
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { ZH_HELP_COMMANDS } from "../src/help-zh";
import { buildProgram } from "../src/program";

const silent = { out: () => {}, err: () => {}, interactive: false };

const fullNames = (command: Command, prefix = ""): string[] =>
  command.commands.flatMap((c) => {
    const name = prefix === "" ? c.name() : `${prefix} ${c.name()}`;
    return [name, ...fullNames(c, name)];
  });

describe("the Chinese help", () => {
  it("describes the program and every command", () => {
    const names = fullNames(buildProgram(silent, () => {}));
    expect(names.length).toBeGreaterThan(20);
    expect([...names, ""].sort()).toEqual([...ZH_HELP_COMMANDS].sort());
  });

  it("replaces the descriptions in zh-CN and leaves them in en", () => {
    const board = (lang: "zh-CN" | "en") =>
      buildProgram(silent, () => {}, lang)
        .commands.find((c) => c.name() === "board")!
        .description();
    expect(board("zh-CN")).toBe("挂图作战：按专项、阶段和牵头单位统计任务要素状态");
    expect(board("en")).toMatch(/^The wall chart/);
  });
});
