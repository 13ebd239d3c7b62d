/** The folded state of an accident. */
import type { AccidentClass } from "../reference/accident-thresholds";
import type { AccidentEvent } from "./events";
import { type AccidentKind, type CasualtyCounts, casualtyCounts } from "./rules";

export interface ReportedAccident {
  /** Withdrawn: the report should not have been made (a duplicate); it counts nowhere. */
  readonly status: "Reported" | "Concluded" | "Withdrawn";
  readonly accidentId: string;
  readonly description: string;
  /** The unit that entered the report (the entering unit may correct or withdraw it). */
  readonly enteredBy: string;
  readonly entityId: string | null;
  readonly supervisingDepartment: string | null;
  readonly sector: string;
  readonly district: string;
  readonly kind: AccidentKind;
  readonly occurredAt: string;
  readonly reportedAt: string;
  readonly deaths: number;
  readonly seriousInjuries: number;
  readonly directLossFen: number;
  readonly accidentClass: AccidentClass;
  readonly lateReport: boolean;
  readonly lateReason: string | null;
  readonly revisions: number;
  /** How many persons the report's casualty list names with each outcome (absent: no list). */
  readonly listed?: CasualtyCounts;
}

export type AccidentState = { readonly status: "None" } | ReportedAccident;

export const initialAccidentState: AccidentState = { status: "None" };

export const isReported = (s: AccidentState): s is ReportedAccident => s.status !== "None";

/** Does the accident count in statistics and lists (not withdrawn)? */
export const isCounted = (a: ReportedAccident): boolean => a.status !== "Withdrawn";

export const evolveAccident = (state: AccidentState, event: AccidentEvent): AccidentState => {
  switch (event.type) {
    case "AccidentReported": {
      const d = event.data;
      return {
        status: "Reported",
        accidentId: d.accidentId,
        description: d.description,
        enteredBy: d.by.unit,
        entityId: d.entityId,
        supervisingDepartment: d.supervisingDepartment,
        sector: d.sector,
        district: d.district,
        kind: d.kind,
        occurredAt: d.occurredAt,
        reportedAt: d.reportedAt,
        deaths: d.deaths,
        seriousInjuries: d.seriousInjuries,
        directLossFen: d.directLossFen,
        accidentClass: d.accidentClass,
        lateReport: d.lateReport,
        lateReason: d.lateReason,
        revisions: 0,
        ...(d.casualties === undefined ? {} : { listed: casualtyCounts(d.casualties) }),
      };
    }
    case "AccidentCasualtiesRevised":
    case "AccidentCasualtiesConcluded":
      // New figures (within the window, or the investigation's): the class follows them; a
      // revision's new casualty list replaces the report's.
      return isReported(state)
        ? {
            ...state,
            ...event.data.to,
            accidentClass: event.data.accidentClass,
            revisions: state.revisions + 1,
            ...("casualties" in event.data && event.data.casualties !== undefined
              ? { listed: casualtyCounts(event.data.casualties) }
              : {}),
          }
        : state;
    case "AccidentInvestigationConcluded":
      return isReported(state) ? { ...state, status: "Concluded" } : state;
    case "AccidentReportCorrected":
      return isReported(state)
        ? {
            ...state,
            ...event.data.to,
            lateReport: event.data.lateReport,
            revisions: state.revisions + 1,
          }
        : state;
    case "AccidentReportWithdrawn":
      return isReported(state) ? { ...state, status: "Withdrawn" } : state;
  }
};
