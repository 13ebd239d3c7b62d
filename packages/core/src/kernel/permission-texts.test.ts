import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { errorText } from "../error-catalogue";
import type { CommandContext } from "./decider";
import {
  because,
  PERMISSION_REASON_TEXTS,
  type PermissionReasonCode,
  permissionText,
} from "./permission-texts";
import { checkRole, deniedBecause } from "./permissions";

const context = {
  actor: { unit: "GY-JTJ", role: "department", person: "张敏" },
  occurredAt: "2020-07-01T09:00:00+08:00",
} as unknown as CommandContext;

/** These parameters, and every other a reason can name as a marker the test can take out again. */
const marked = (given: Record<string, string>) =>
  new Proxy(given, { get: (target, key) => target[key as string] ?? "〔值〕" }) as Record<string, string> & {
    command: string;
    reason: string;
  };

describe("permission refusals", () => {
  it("say the role check as before in English, and wholly in Chinese", () => {
    const denied = checkRole(
      [{ command: "SealLedger", roles: ["office", "lead-group"] }],
      "SealLedger",
      context,
    );
    expect(E.isLeft(denied)).toBe(true);
    if (E.isRight(denied)) return;
    expect(denied.left.message).toBe(
      "张敏 (GY-JTJ) acts as department; SealLedger may only be issued by office or lead-group.",
    );
    expect(errorText(denied.left, "zh-CN")).toBe(
      "张敏（GY-JTJ）以部门身份办理；SealLedger 只能由市安办或领导小组发出。",
    );
    const noRule = checkRole([], "Unknown", context);
    if (E.isRight(noRule)) throw new Error("a command without a rule was allowed");
    expect(noRule.left.message).toBe("No one may issue Unknown: it has no permission rule.");
    expect(errorText(noRule.left, "zh-CN")).toBe("任何人都不得发出 Unknown：该命令没有权限规则。");
  });

  it("name a hazard's source by its Chinese name", () => {
    const d = deniedBecause(
      "AcceptHazard",
      context,
      because("GOVERNMENT_ACCEPTS", { source: "public-report" }),
    );
    expect(d.message).toContain("a hazard found by public-report is accepted by a government body");
    expect(errorText(d, "zh-CN")).toContain("来源为群众举报的隐患须由政府部门验收");
  });

  it("say a condition's reason with the actor, in both languages", () => {
    const d = deniedBecause(
      "AcceptHazard",
      context,
      because("LISTED_SUPERVISION", { hazard: "H-1", listedBy: "GY-EMB" }),
    );
    expect(d.message).toBe(
      "张敏 (GY-JTJ, department) may not issue AcceptHazard: hazard H-1 is under listed supervision by GY-EMB; only it may accept and close it.",
    );
    expect(errorText(d, "zh-CN")).toBe(
      "张敏（GY-JTJ，部门）不得发出 AcceptHazard：隐患 H-1 由 GY-EMB 挂牌督办；只有该单位可以验收销号。",
    );
    expect(d.params).toMatchObject({ reason: "LISTED_SUPERVISION", hazard: "H-1", person: "张敏" });
  });

  it("have every reason in Chinese with no English words but field names", () => {
    for (const code of Object.keys(PERMISSION_REASON_TEXTS) as PermissionReasonCode[]) {
      const zh = permissionText("zh-CN", marked({ command: "〔命令〕", reason: code, role: "office" }));
      expect(zh.replace(/〔值〕|〔命令〕|onBehalfOf/g, ""), code).not.toMatch(/[A-Za-z]{2,}/);
      const en = permissionText("en", marked({ command: "X", reason: code, role: "office" }));
      expect(en, code).toMatch(/may not issue X: [a-z〔]/);
    }
  });
});
