import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { accidentAggregate } from "../accidents/aggregate";
import { accidentPermissions } from "../accidents/permissions";
import { supervisionAggregates } from "./aggregates";
import { renderDocBlock, supervisionDocBlocks } from "./docs";
import { supervisionPermissions } from "./permissions";

const doc = readFileSync(join(__dirname, "../../../../docs/domain/supervision.md"), "utf8");

describe("docs/domain/supervision.md", () => {
  for (const block of supervisionDocBlocks())
    it(`contains the ${block.name} block exactly as the code renders it`, () => {
      expect(doc).toContain(renderDocBlock(block));
    });
  it("every command has exactly one permission rule", () => {
    const rules = [...supervisionPermissions, ...accidentPermissions].map((r) => r.command).sort();
    const handled = [...supervisionAggregates, accidentAggregate]
      .flatMap((a) => Object.keys(a.commands))
      .sort();
    expect(rules).toEqual(handled);
  });
});
