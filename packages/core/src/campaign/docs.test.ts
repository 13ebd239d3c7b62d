import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { campaignAggregates, campaignDocBlocks, campaignPermissions, taskElementTransitions } from "./index";

const doc = readFileSync(join(__dirname, "../../../../docs/domain/campaign.md"), "utf8");

describe("docs/domain/campaign.md", () => {
  for (const block of campaignDocBlocks())
    it(`contains the ${block.name} exactly as the code renders it`, () => {
      expect(doc).toContain(block.text);
    });
  it("every command has a permission rule, and every transition's command has one", () => {
    const commands = new Set(campaignPermissions.map((r) => r.command));
    expect(commands.size).toBe(campaignPermissions.length);
    for (const t of taskElementTransitions) expect(commands.has(t.command)).toBe(true);
    const handled = campaignAggregates.flatMap((a) => Object.keys(a.commands)).sort();
    expect([...commands].sort()).toEqual(handled);
  });
});
