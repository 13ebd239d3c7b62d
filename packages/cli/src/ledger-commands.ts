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
}

const asOfOption = () =>
  new Option("--as-of <date>", "the ledger as of the end of this date (default: today, UTC+08:00)").argParser(
    dateOption("--as-of"),
  );

const choice =
  <T extends string>(what: string, values: ReadonlyArray<T>) =>
  (value: string): T => {
    if (!(values as ReadonlyArray<string>).includes(value))
      throw badArgument("UNKNOWN_CHOICE", { what, choices: values.join(", ") });
    return value as T;
  };

export const registerLedgerCommands = (program: Command, { io, withStore, lang }: CommandWiring): void => {
  program
    .command("board")
    .description("The wall chart (挂图作战): task elements by state per workstream, stage and lead unit")
    .addOption(asOfOption())
    .option("--json", "print JSON")
    .action((o: { asOf?: string; json?: boolean }) =>
      withStore((s) => board(s, o.asOf ?? today(), io, o.json === true))(),
    );

  program
    .command("list")
    .description(
      "A list as of a date: the Key Task List, overdue elements, entities, risks, hazards, accidents",
    )
    .argument(`<kind>`, LIST_KINDS.join(" | "), choice("the list", LIST_KINDS))
    .addOption(asOfOption())
    .option("--workstream <code>", "tasks, overdue: only this workstream")
    .option("--unit <unit>", "tasks: lead or co-responsible unit; overdue: lead unit")
    .option("--stage <key>", "tasks: only this stage")
    .option(
      "--status <state>",
      "tasks: Assigned, InProgress, …; entities, risks, hazards, accidents: their state",
    )
    .option("--overdue", "tasks, hazards: only overdue ones")
    .option("--sector <key>", "entities, risks, hazards, accidents: only this sector")
    .option("--district <key>", "entities, risks, hazards, accidents: only this district or county")
    .option("--department <unit>", "entities, risks, hazards, accidents: only this supervising department")
    .option("--level <level>", "risks: major, larger, general or low")
    .option("--grade <grade>", "hazards: general or major")
    .addOption(new Option("--json", "print JSON").conflicts(["csv", "xlsx"]))
    .addOption(
      new Option(
        "--csv",
        "print CSV (UTF-8 with a BOM); tasks, entities, risks, hazards and accidents in the columns import reads",
      ).conflicts("xlsx"),
    )
    .option("--xlsx <file>", "write an .xlsx workbook, in the same columns as --csv")
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
    .description(
      "Dynamic supervision of one entity: highest risk, open and overdue hazards, recent accidents",
    )
    .argument("<entity>", "the entity id, e.g. E-0001")
    .addOption(asOfOption())
    .option("--json", "print JSON")
    .action((entity: string, o: { asOf?: string; json?: boolean }) =>
      withStore((s) => supervision(s, entity, o.asOf ?? today(), io, o.json === true))(),
    );

  const stats = program.command("stats").description("Statistics");
  stats
    .command("accidents")
    .description("Accidents and casualties in a period against the same period of the previous year")
    .requiredOption("--from <date>", "first day of the period", dateOption("--from"))
    .requiredOption("--to <date>", "last day of the period", dateOption("--to"))
    .addOption(
      new Option("--compare <what>", "what to compare with")
        .choices(["previous-year"])
        .default("previous-year"),
    )
    .option("--json", "print JSON")
    .action((o: { from: string; to: string; json?: boolean }) =>
      withStore((s) => statsAccidents(s, { from: o.from, to: o.to }, io, o.json === true))(),
    );

  program
    .command("import")
    .summary(
      "Load a list kept as CSV or .xlsx (tasks, entities, risks, hazards, accidents); all rows or none",
    )
    .description(
      "Load a list kept as CSV (UTF-8 or GB18030/GBK, as Excel saves it) or as an .xlsx workbook (the first sheet, or --sheet), with English or Chinese column headers (tasks, entities, risks, hazards, accidents). Every row is decoded and checked against the ledger first; if any row is bad, every bad row is reported (line, column, reason) and nothing is appended. The file is streamed and what its rows decide is kept in a temporary file, not in memory. On SQLite it is then written in one transaction, a short one: all of it or, if another writer changed the ledger meanwhile, none of it (import again); a writer in another process waits for it and then succeeds. On EventStoreDB the rows are written one by one. Re-importing a list that grew compares each row with the ledger: new rows are registered, unchanged rows skipped, a changed column becomes its correction or change command (a column no command changes is an error naming it; a code given twice in one file too); --dry-run prints that plan, field by field, and writes nothing. Re-importing the same file appends nothing (command ids come from the file's content, the importing unit and the line).",
    )
    .argument("<kind>", IMPORT_KINDS.join(" | "), choice("the kind", IMPORT_KINDS))
    .argument("<file>", "a CSV or .xlsx file with a header line (columns below)")
    .requiredOption("--as <unit/role/person>", "who imports, e.g. GY-EMB/office/Zhang Wei", parseActor)
    .option(
      "--on <date>",
      "business date of rows that carry none and of a re-import's changes (default: now)",
      (v: string) => dateOption("--on")(v),
    )
    .option("--dry-run", "print the plan (added, changed field by field, unchanged) and write nothing")
    .option(
      "--encoding <name>",
      "a CSV's encoding: auto (default: UTF-8, else GB18030), utf-8, gb18030 (or gbk)",
      (v: string) => {
        const encoding = encodingOf(v);
        if (encoding === undefined)
          throw badArgument("UNKNOWN_ENCODING", { choices: ENCODING_CHOICES.join(", ") });
        return encoding;
      },
    )
    .option("--sheet <name>", "the sheet of an .xlsx file (default: the first)")
    .option("--json", "print JSON")
    .addHelpText("after", `\nColumns (* required; lists are separated by ';'):\n\n${columnsHelp()}`)
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
          "writes",
        )(),
    );

  program
    .command("rebuild")
    .description(
      "Rebuild every read model from the first event (the SQLite read tables, or a replay); print what they hold and the stamp",
    )
    .option("--json", "print JSON")
    .action((o: { json?: boolean }) => withStore((s) => rebuild(s, io, o.json === true))());

  program
    .command("project")
    .description(
      "Bring the SQLite read tables up to date; with --follow, keep them current as events are appended, until interrupted",
    )
    .option("--follow", "keep following the ledger")
    .action((o: { follow?: boolean }) => withStore((s) => project(s, io, o.follow === true))());

  program
    .command("demo")
    .summary("Load the Guangyuan reference scenario; print the wall chart and accident comparison")
    .description(
      "Load the Guangyuan reference scenario (illustrative data) and print the wall chart as of 2020-12-31 and the accident comparison Jan–Nov 2020 vs 2019; running it again appends nothing",
    )
    .option("--json", "print JSON")
    .action((o: { json?: boolean }) => withStore((s) => demo(s, io, o.json === true), "writes")());
};
