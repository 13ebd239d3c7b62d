/**
 * The wall chart as a page: `renderReport(models, { asOf, lang })` gives one self-contained
 * HTML file (inline SVG charts rendered by Apache ECharts on the server, inline CSS, no script,
 * nothing fetched). Pure: the same models and options give the same page.
 */
import type { Period, ReadModelStamp } from "@safety-ledger/core";
import { allCharts } from "./charts";
import { gatherReportData, type ReportData, type ReportModels } from "./data";
import type { Lang } from "./i18n";
import { renderPage } from "./page";

export type { ReportData, ReportModels } from "./data";
export { gatherReportData } from "./data";
export { LANGS, type Lang } from "./i18n";

export interface ReportOptions {
  /** The date the page shows the ledger as of (`YYYY-MM-DD`). */
  readonly asOf: string;
  readonly lang: Lang;
  /** The accident comparison period; default 1 January of the as-of year to the as-of date. */
  readonly period?: Period;
  /** Where in the ledger the read models stopped, printed in the footer. */
  readonly stamp?: ReadModelStamp;
}

/** The page from already gathered data. */
export const renderReportData = (data: ReportData, options: Pick<ReportOptions, "lang" | "stamp">): string =>
  renderPage(data, allCharts(data, options.lang), {
    lang: options.lang,
    ...(options.stamp === undefined ? {} : { stamp: options.stamp }),
  });

/**
 * The report as of a date. `models.supervision` must be the supervision projection as of that
 * date (`runProjections(…, { slice: { asOf } })`); the campaign model may hold later events too.
 */
export const renderReport = (models: ReportModels, options: ReportOptions): string =>
  renderReportData(
    gatherReportData(models, {
      asOf: options.asOf,
      ...(options.period === undefined ? {} : { period: options.period }),
    }),
    options,
  );
