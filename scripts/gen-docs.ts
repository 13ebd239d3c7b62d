/** `pnpm docs:generate`: write the generated docs. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI_EXAMPLES, renderCliDoc, renderCommandsDoc, renderEventsDoc } from "./docs";

const docs = join(import.meta.dirname, "..", "docs");
writeFileSync(join(docs, "events.md"), `${renderEventsDoc()}\n`);
writeFileSync(join(docs, "commands.md"), `${renderCommandsDoc()}\n`);
writeFileSync(join(docs, "cli.md"), `${renderCliDoc(CLI_EXAMPLES)}\n`);
console.log("wrote docs/events.md, docs/commands.md, docs/cli.md");
