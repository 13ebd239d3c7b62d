/** `pnpm docs:generate`: write the generated docs, and the generated blocks of docs/domain/supervision.md. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderDocBlock, supervisionDocBlocks } from "../packages/core/src/supervision/docs";
import { CLI_EXAMPLES, renderCliDoc, renderCommandsDoc, renderEventsDoc } from "./docs";

const docs = join(import.meta.dirname, "..", "docs");
writeFileSync(join(docs, "events.md"), `${renderEventsDoc()}\n`);
writeFileSync(join(docs, "commands.md"), `${renderCommandsDoc()}\n`);
writeFileSync(join(docs, "cli.md"), `${renderCliDoc(CLI_EXAMPLES)}\n`);

/** Replace each `<!-- generated:NAME -->…<!-- /generated:NAME -->` block of a page with the code's rendering. */
const refreshBlocks = (page: string, blocks: ReturnType<typeof supervisionDocBlocks>) => {
  const path = join(docs, page);
  let text = readFileSync(path, "utf8");
  for (const block of blocks) {
    const start = text.indexOf(`<!-- generated:${block.name} -->`);
    const endTag = `<!-- /generated:${block.name} -->`;
    const end = text.indexOf(endTag);
    if (start < 0 || end < 0) throw new Error(`${page} has no generated block ${block.name}`);
    text = text.slice(0, start) + renderDocBlock(block) + text.slice(end + endTag.length);
  }
  writeFileSync(path, text);
};
refreshBlocks(join("domain", "supervision.md"), supervisionDocBlocks());
console.log(
  "wrote docs/events.md, docs/commands.md, docs/cli.md and the blocks of docs/domain/supervision.md",
);
