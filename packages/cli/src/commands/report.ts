/**
 * `report --html FILE [--as-of D] [--from D --to D]` (with the global `--lang zh|en`): the wall chart as one
 * self-contained HTML page. Reads the store once through the campaign and supervision
 * projections (sliced "as of" the date), renders with `renderReport`, writes the file.
 * The renderer (and Apache ECharts with it) is loaded only when this command runs.
 */
import { writeFileSync } from "node:fs";
import {
  businessDate,
  campaignLedgerProjection,
  type EventStore,
  ledgerEvents,
  type Period,
  runProjections,
  supervisionProjection,
} from "@safety-ledger/core";
import { type Command, Option } from "commander";
import { noteBrokenLinks } from "../broken-links";
import { CodedArgumentError, check, usage } from "../cli-error-texts";
import { EXIT, UsageError } from "../errors";
import { isoDate } from "../input";
import type { Lang } from "../messages";
import type { Io } from "../output";
import { RESULT_TEXTS } from "../result-texts";

/** The messages' language of the report's. */
const langOf = (lang: "zh" | "en"): Lang => (lang === "en" ? "en" : "zh-CN");

export interface ReportCommandOptions {
  readonly html: string;
  readonly asOf: string;
  readonly lang: "zh" | "en";
  readonly from?: string;
  readonly to?: string;
}

/** Today in Guangyuan (+08:00). */
const today = (): string => businessDate(new Date().toISOString());

const accidentPeriod = (o: ReportCommandOptions): Period | undefined => {
  if (o.from === undefined && o.to === undefined) return undefined;
  const period = { from: o.from ?? `${(o.to ?? o.asOf).slice(0, 4)}-01-01`, to: o.to ?? o.asOf };
  if (period.from > period.to) throw usage("PERIOD_REVERSED", { from: period.from, to: period.to });
  if (period.to > o.asOf) throw usage("PERIOD_AFTER_AS_OF", { to: period.to, asOf: o.asOf });
  return period;
};

export const report = async (store: EventStore, o: ReportCommandOptions, io: Io): Promise<number> => {
  const period = accidentPeriod(o);
  const { models, stamp, brokenLinks } = await runProjections(
    store,
    ledgerEvents,
    [campaignLedgerProjection, supervisionProjection] as const,
    { slice: { asOf: o.asOf } },
  );
  noteBrokenLinks(store, brokenLinks);
  const { renderReport } = await import("../report/index");
  const html = renderReport(
    { campaign: models[0], supervision: models[1] },
    { asOf: o.asOf, lang: o.lang, stamp, ...(period === undefined ? {} : { period }) },
  );
  try {
    writeFileSync(o.html, html, "utf8");
  } catch (e) {
    throw check("CANNOT_WRITE", {
      file: o.html,
      reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message,
    });
  }
  io.out(
    RESULT_TEXTS[langOf(o.lang)].report.wrote(
      o.html,
      Math.round(Buffer.byteLength(html) / 1024),
      o.asOf,
      stamp.events,
    ),
  );
  return EXIT.ok;
};

const date = (option: string) => (value: string) => {
  try {
    return isoDate(option)(value);
  } catch (e) {
    throw e instanceof UsageError ? new CodedArgumentError(e.coded) : e;
  }
};

/** Add `report` to the program; `withStore` opens and closes the store around the body. */
export const registerReport = (
  program: Command,
  io: Io,
  withStore: (body: (store: EventStore) => Promise<number>) => () => Promise<void>,
  lang: () => Lang,
): void => {
  program
    .command("report")
    .requiredOption("--html <file>")
    .addOption(new Option("--as-of <date>").argParser(date("--as-of")))
    .addOption(new Option("--from <date>").argParser(date("--from")))
    .addOption(new Option("--to <date>").argParser(date("--to")))
    .action((o: { html: string; asOf?: string; from?: string; to?: string }) => {
      const options: ReportCommandOptions = {
        html: o.html,
        asOf: o.asOf ?? today(),
        lang: lang() === "en" ? "en" : "zh",
        ...(o.from === undefined ? {} : { from: o.from }),
        ...(o.to === undefined ? {} : { to: o.to }),
      };
      accidentPeriod(options); // a usage error before the store is opened
      return withStore((s) => report(s, options, io))();
    });
};
