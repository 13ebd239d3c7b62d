import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI_EXAMPLES, renderCliDoc, renderCommandsDoc, renderEventsDoc } from "../scripts/docs";

const doc = (name: string) => readFileSync(join(__dirname, "..", "docs", name), "utf8");

describe("generated docs are up to date (run `pnpm docs:generate` to refresh)", () => {
  it("docs/events.md", () => expect(doc("events.md")).toBe(`${renderEventsDoc()}\n`));
  it("docs/commands.md", () => expect(doc("commands.md")).toBe(`${renderCommandsDoc()}\n`));
  it("docs/cli.md", () => expect(doc("cli.md")).toBe(`${renderCliDoc(CLI_EXAMPLES)}\n`));
});
