/**
 * The read and load commands: board, list, supervision, stats, import, rebuild, project, demo.
 * Registered on the program by `registerLedgerCommands` (see program.ts).
 */
import type { Actor, EventStore } from "@safety-ledger/core";
import { type Command, Option } from "commander";
import { badArgument } from "./cli-error-texts";
import { board } from "./commands/board";
import { demo } from "./commands/demo";
import { importCsv } from "./commands/import";
import { checkFilters, LIST_KINDS, type ListFilters, type ListKind, listCommand } from "./commands/list";
import { project } from "./commands/project";
import { rebuild } from "./commands/rebuild";
import { statsAccidents } from "./commands/stats";
import { supervision } from "./commands/supervision";
import { columnsHelp, IMPORT_KINDS, type ImportKind } from "./import/csv-rows";
import { ENCODING_CHOICES, type EncodingChoice, encodingOf } from "./import/text-encoding";
import type { Lang } from "./messages";
import { dateOption, parseActor, today } from "./options";
import type { Io } from "./output";
import type { StoreAccess } from "./store-url";

export interface CommandWiring {
  readonly io: Io;
  readonly setExit: (code: number) => void;
  /** Run a body against the store named by --store, closing it afterwards. */
  readonly withStore: (
    body: (store: EventStore) => Promise<number>,
    access?: StoreAccess,
  ) => () => Promise<void>;
  /** The language of messages: the global --lang, else the locale's. */
  readonly lang: () => Lang;
  /** The language the help is built in (the words put on after the options: import's columns). */
  readonly helpLang: Lang;
}

const asOfOption = () => new Option("--as-of <date>").argParser(dateOption("--as-of"));

const choice =
  <T extends string>(what: string, values: ReadonlyArray<T>) =>
  (value: string): T => {
    if (!(values as ReadonlyArray<string>).includes(value))
      throw badArgument("UNKNOWN_CHOICE", { what, choices: values.join(", ") });
    return value as T;
  };

export const registerLedgerCommands = (
  program: Command,
  { io, withStore, lang, helpLang }: CommandWiring,
): void => {
  program
    .command("board")
    .addOption(asOfOption())
    .option("--json")
    .action((o: { asOf?: string; json?: boolean }) =>
      withStore((s) => board(s, o.asOf ?? today(), io, o.json === true, lang()))(),
    );

  program
    .command("list")
    .argument(`<kind>`, "", choice("the list", LIST_KINDS))
    .addOption(asOfOption())
    .option("--workstream <code>")
    .option("--unit <unit>")
    .option("--stage <key>")
    .option("--status <state>")
    .option("--overdue")
    .option("--sector <key>")
    .option("--district <key>")
    .option("--department <unit>")
    .option("--level <level>")
    .option("--grade <grade>")
    .addOption(new Option("--json").conflicts(["csv", "xlsx"]))
    .addOption(new Option("--csv").conflicts("xlsx"))
    .option("--xlsx <file>")
    .action(
      (kind: ListKind, o: ListFilters & { asOf?: string; json?: boolean; csv?: boolean; xlsx?: string }) => {
        const { asOf, json, csv, xlsx, ...filters } = o;
        const checked = checkFilters(kind, filters);
        return withStore((s) =>
          listCommand(
            s,
            kind,
            asOf ?? today(),
            checked,
            io,
            json ? "json" : csv ? "csv" : xlsx !== undefined ? { xlsx } : "table",
            lang(),
          ),
        )();
      },
    );

  program
    .command("supervision")
    .argument("<entity>")
    .addOption(asOfOption())
    .option("--json")
    .action((entity: string, o: { asOf?: string; json?: boolean }) =>
      withStore((s) => supervision(s, entity, o.asOf ?? today(), io, o.json === true, lang()))(),
    );

  const stats = program.command("stats");
  stats
    .command("accidents")
    .requiredOption("--from <date>", "", dateOption("--from"))
    .requiredOption("--to <date>", "", dateOption("--to"))
    .addOption(new Option("--compare <what>").choices(["previous-year"]).default("previous-year"))
    .option("--json")
    .action((o: { from: string; to: string; json?: boolean }) =>
      withStore((s) => statsAccidents(s, { from: o.from, to: o.to }, io, o.json === true, lang()))(),
    );

  program
    .command("import")
    .argument("<kind>", "", choice("the kind", IMPORT_KINDS))
    .argument("<file>")
    .requiredOption("--as <unit/role/person>", "", parseActor)
    .option("--on <date>", "", (v: string) => dateOption("--on")(v))
    .option("--dry-run")
    .option("--encoding <name>", "", (v: string) => {
      const encoding = encodingOf(v);
      if (encoding === undefined)
        throw badArgument("UNKNOWN_ENCODING", { choices: ENCODING_CHOICES.join(", ") });
      return encoding;
    })
    .option("--sheet <name>")
    .option("--json")
    .addHelpText("after", `\n${columnsHelp(helpLang)}`)
    .action(
      (
        kind: ImportKind,
        file: string,
        o: {
          as: Actor;
          on?: string;
          encoding?: EncodingChoice;
          sheet?: string;
          dryRun?: boolean;
          json?: boolean;
        },
      ) =>
        withStore(
          (s) =>
            importCsv(
              s,
              kind,
              file,
              {
                actor: o.as,
                ...(o.on ? { on: o.on } : {}),
                ...(o.encoding ? { encoding: o.encoding } : {}),
                ...(o.sheet ? { sheet: o.sheet } : {}),
                ...(o.dryRun ? { dryRun: true } : {}),
                lang: lang(),
              },
              io,
              o.json === true,
            ),
          o.dryRun ? "plans" : "writes",
        )(),
    );

  program
    .command("rebuild")
    .option("--json")
    .action((o: { json?: boolean }) => withStore((s) => rebuild(s, io, o.json === true, lang()))());

  program
    .command("project")
    .option("--follow")
    .action((o: { follow?: boolean }) => withStore((s) => project(s, io, o.follow === true, lang()))());

  program
    .command("demo")
    .option("--json")
    .action((o: { json?: boolean }) => withStore((s) => demo(s, io, o.json === true, lang()), "writes")());
};
