/**
 * The README's "A taste of the API" block is README_IMPORT and this test's code between the
 * markers: the test runs it, and fails when the README's copy differs.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  createCommandHandler,
  createMemoryStore,
  decodeCommandJson,
  verifyLedger,
} from "@safety-ledger/core";
import { describe, expect, it } from "vitest";

const README_IMPORT =
  'import { createCommandHandler, createMemoryStore, decodeCommandJson, verifyLedger } from "@safety-ledger/core";';

describe("README: a taste of the API", () => {
  it("runs, and the README shows exactly this code", async () => {
    // readme:start
    const store = createMemoryStore(); // or createSqliteStore({ path: "ledger.db" }) from @safety-ledger/sqlite
    const handle = createCommandHandler(store);

    // A command in its JSON form (docs/commands.md), as a form or an import would send it.
    const decoded = decodeCommandJson({
      type: "LaunchCampaign",
      commandId: "launch-2020", // sent again, it appends nothing
      actor: { unit: "GY-SAFETY-OFFICE", role: "office", person: "Zhang Wei" },
      occurredAt: "2020-04-10T09:00:00+08:00",
      data: {
        campaignId: "GY-3YEAR",
        name: "Three-year special rectification of work safety",
        start: "2020-04-01",
        end: "2022-12-31",
        stages: [
          { key: "mobilisation", start: "2020-04-01", end: "2020-05-31" },
          { key: "investigation", start: "2020-06-01", end: "2020-12-31" },
          { key: "tackling", start: "2021-01-01", end: "2021-12-31" },
          { key: "consolidation", start: "2022-01-01", end: "2022-12-31" },
        ],
      },
    });
    if (decoded._tag === "Left") throw new Error(decoded.left.message); // names the bad field

    const outcome = await handle(decoded.right.aggregate, decoded.right.envelope);
    if (outcome._tag === "Left") throw new Error(outcome.left.message); // e.g. a permission refused
    console.log(outcome.right.events.map((e) => e.type)); // [ 'CampaignLaunched' ]

    const report = await verifyLedger(store); // every hash chain and seal
    console.log(report.ok); // true
    // readme:end

    expect(outcome.right.events.map((e) => e.type)).toEqual(["CampaignLaunched"]);
    expect(report.ok).toBe(true);

    const source = readFileSync(__filename, "utf8");
    const block = source.slice(source.indexOf("// readme:start\n") + 16, source.indexOf("    // readme:end"));
    const code = block
      .split("\n")
      .map((line) => line.slice(4))
      .join("\n")
      .trimEnd();
    const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
    expect(readme).toContain(`\`\`\`ts\n${README_IMPORT}\n\n${code}\n\`\`\``);
  });
});
