/** The accident decider: Reported → Concluded, with casualty revisions inside the window. */

import * as E from "fp-ts/lib/Either.js";
import type { CommandContext, Decider, Rejection } from "../kernel/decider";
import { errorsOf } from "../kernel/error-texts";
import { because } from "../kernel/permission-texts";
import { DISTRICT_KEYS } from "../reference/districts";
import { SECTOR_KEYS } from "../reference/sectors";
import { initialEntityState, isRegistered } from "../supervision/entity/state";
import { denied } from "../supervision/permissions";
import { ENTITY_KEY } from "../supervision/risk/decider";
import { SUPERVISION_ERROR_TEXTS } from "../supervision/supervision-error-texts";
import { actorRef, businessDate, relatedState } from "../supervision/values";
import { ACCIDENT_ERROR_TEXTS } from "./accident-error-texts";
import type { AccidentCommand } from "./commands";
import type { AccidentEvent, CasualtyOutcome } from "./events";
import { mayIssueAccident } from "./permissions";
import {
  casualtyCounts,
  casualtyListExceeds,
  classifyAccident,
  isLateReport,
  reportDelayMinutes,
  revisionWindowDays,
  revisionWindowLastDay,
  withinRevisionWindow,
} from "./rules";
import {
  type AccidentState,
  evolveAccident,
  initialAccidentState,
  isReported,
  type ReportedAccident,
} from "./state";

const { error: accidentError, reject: accidentReject } = errorsOf({
  ...SUPERVISION_ERROR_TEXTS,
  ...ACCIDENT_ERROR_TEXTS,
});

type Decision = E.Either<Rejection, ReadonlyArray<AccidentEvent>>;

/** Scope: an enterprise only for itself, a department only for what it supervises. */
const inAccidentScope = (
  command: string,
  context: CommandContext,
  entityId: string | null,
  supervisingDepartment: string | null,
): Decision | undefined => {
  const a = context.actor;
  if (a.role === "enterprise" && (entityId === null || a.unit !== entityId))
    return E.left(denied(command, context, because("ENTERPRISE_OWN_ACCIDENTS", {})));
  if (a.role === "department" && supervisingDepartment !== null && a.unit !== supervisingDepartment)
    return E.left(
      denied(
        command,
        context,
        because("NOT_SUPERVISING", {
          entity: entityId ?? "",
          department: supervisingDepartment,
          unit: a.unit,
        }),
      ),
    );
  return undefined;
};

const requireAccident = (state: AccidentState, accidentId: string): E.Either<Rejection, ReportedAccident> => {
  if (!isReported(state)) return E.left(accidentError("ACCIDENT_NOT_REPORTED", { accidentId }, "accidentId"));
  if (state.status === "Withdrawn")
    return E.left(accidentError("ACCIDENT_WITHDRAWN", { accidentId }, "accidentId"));
  if (state.status === "Concluded")
    return E.left(accidentError("INVESTIGATION_CONCLUDED", { accidentId }, "accidentId"));
  return E.right(state);
};

const decideReport = (
  command: Extract<AccidentCommand, { type: "ReportAccident" }>,
  state: AccidentState,
  context: CommandContext,
): Decision => {
  const d = command.data;
  if (isReported(state))
    return accidentReject("ACCIDENT_ALREADY_REPORTED", { accidentId: d.accidentId }, "accidentId");
  const entityId = d.entityId ?? null;
  let sector = d.sector;
  let district = d.district;
  let supervisingDepartment: string | null = null;
  if (entityId !== null) {
    const entity = relatedState(context, ENTITY_KEY, initialEntityState);
    if (!isRegistered(entity) || entity.entityId !== entityId)
      return accidentReject("ENTITY_NOT_REGISTERED", { entityId }, "entityId");
    if (sector !== undefined && sector !== entity.sector)
      return accidentReject("SECTOR_MISMATCH", { entityId, sector: entity.sector, given: sector }, "sector");
    if (district !== undefined && district !== entity.district)
      return accidentReject(
        "DISTRICT_MISMATCH",
        { entityId, district: entity.district, given: district },
        "district",
      );
    sector = entity.sector;
    district = entity.district;
    supervisingDepartment = entity.supervisingDepartment;
  }
  const scope = inAccidentScope(command.type, context, entityId, supervisingDepartment);
  if (scope) return scope;
  if (sector === undefined) return accidentReject("SECTOR_REQUIRED", {}, "sector");
  if (district === undefined) return accidentReject("DISTRICT_REQUIRED", {}, "district");
  if (!SECTOR_KEYS.includes(sector)) return accidentReject("UNKNOWN_SECTOR", { sector }, "sector");
  if (!DISTRICT_KEYS.includes(district)) return accidentReject("UNKNOWN_DISTRICT", { district }, "district");
  const reportedAt = d.reportedAt ?? context.occurredAt;
  if (Date.parse(reportedAt) < Date.parse(d.occurredAt))
    return accidentReject("REPORTED_BEFORE_OCCURRED", { reportedAt, occurredAt: d.occurredAt }, "reportedAt");
  const lateReport = isLateReport(d.occurredAt, reportedAt);
  const exceeds =
    d.casualties === undefined ? undefined : casualtyListExceeds(casualtyCounts(d.casualties), d);
  if (exceeds !== undefined)
    return accidentReject("CASUALTY_LIST_EXCEEDS", { accidentId: d.accidentId, ...exceeds }, "casualties");
  return E.right([
    {
      type: "AccidentReported",
      data: {
        accidentId: d.accidentId,
        entityId,
        supervisingDepartment,
        sector,
        district,
        kind: d.kind ?? "other",
        description: d.description,
        occurredAt: d.occurredAt,
        reportedAt,
        deaths: d.deaths,
        seriousInjuries: d.seriousInjuries,
        directLossFen: d.directLossFen,
        accidentClass: classifyAccident(d),
        lateReport,
        reportDelayMinutes: reportDelayMinutes(d.occurredAt, reportedAt),
        lateReason: d.lateReason ?? null,
        on: businessDate(context.occurredAt),
        by: actorRef(context),
        ...(d.casualties === undefined
          ? {}
          : {
              casualties: d.casualties.map(casualtyOf),
            }),
      },
    },
  ]);
};

/**
 * Who may correct or withdraw a report: the unit that entered it, or a unit above it (its
 * supervising department, the office, the lead group); an enterprise only its own entries.
 */
const mayChangeReport = (
  command: string,
  context: CommandContext,
  a: ReportedAccident,
): Decision | undefined => {
  const actor = context.actor;
  if (actor.unit === a.enteredBy || actor.role === "office" || actor.role === "lead-group") return undefined;
  if (
    actor.role === "department" &&
    (a.supervisingDepartment === null || actor.unit === a.supervisingDepartment)
  )
    return undefined;
  return E.left(denied(command, context, because("REPORT_ENTERED_BY", { enteredBy: a.enteredBy })));
};

const REPORT_FIELDS = ["occurredAt", "sector", "district", "kind", "description"] as const;

const decideCorrection = (
  command: Extract<AccidentCommand, { type: "CorrectAccidentReport" }>,
  a: ReportedAccident,
  context: CommandContext,
): Decision => {
  const entering = mayChangeReport(command.type, context, a);
  if (entering) return entering;
  const d = command.data;
  const from: Record<string, string> = {};
  const to: Record<string, string> = {};
  for (const field of REPORT_FIELDS) {
    const value = d[field];
    if (value !== undefined && value !== a[field]) {
      from[field] = a[field];
      to[field] = value;
    }
  }
  if (Object.keys(to).length === 0)
    return accidentReject("NO_CHANGE", { of: "accidentReport", accidentId: a.accidentId }, "reason");
  if ((to.sector !== undefined || to.district !== undefined) && a.entityId !== null)
    return accidentReject(
      "CORRECT_THE_ENTITY",
      { accidentId: a.accidentId, entityId: a.entityId },
      to.sector !== undefined ? "sector" : "district",
    );
  if (to.sector !== undefined && !SECTOR_KEYS.includes(to.sector))
    return accidentReject("UNKNOWN_SECTOR", { sector: to.sector }, "sector");
  if (to.district !== undefined && !DISTRICT_KEYS.includes(to.district))
    return accidentReject("UNKNOWN_DISTRICT", { district: to.district }, "district");
  const occurredAt = to.occurredAt ?? a.occurredAt;
  if (Date.parse(a.reportedAt) < Date.parse(occurredAt))
    return accidentReject("REPORTED_BEFORE_OCCURRED", { reachedAt: a.reportedAt, occurredAt }, "occurredAt");
  return E.right([
    {
      type: "AccidentReportCorrected",
      data: {
        accidentId: a.accidentId,
        from,
        to,
        lateReport: isLateReport(occurredAt, a.reportedAt),
        reportDelayMinutes: reportDelayMinutes(occurredAt, a.reportedAt),
        reason: d.reason,
        on: businessDate(context.occurredAt),
        by: actorRef(context),
      },
    },
  ] as ReadonlyArray<AccidentEvent>);
};

/** A casualty as the events store it: the name, the outcome, the ID number where given. */
const casualtyOf = (c: {
  readonly name: string;
  readonly outcome: CasualtyOutcome;
  readonly idNumber?: string;
}) => ({
  name: c.name,
  outcome: c.outcome,
  ...(c.idNumber === undefined ? {} : { idNumber: c.idNumber }),
});

export const accidentDecider: Decider<AccidentCommand, AccidentState, AccidentEvent> = {
  initialState: initialAccidentState,
  evolve: evolveAccident,
  decide: (command, state, context) => {
    const role = mayIssueAccident(command.type, context);
    if (E.isLeft(role)) return role;
    if (command.type === "ReportAccident") return decideReport(command, state, context);
    const accident = requireAccident(state, command.data.accidentId);
    if (E.isLeft(accident)) return accident;
    const a = accident.right;
    const scope = inAccidentScope(command.type, context, a.entityId, a.supervisingDepartment);
    if (scope) return scope;
    const on = businessDate(context.occurredAt);
    const by = actorRef(context);
    switch (command.type) {
      case "ReviseAccidentCasualties": {
        const d = command.data;
        const lastDay = revisionWindowLastDay(a.occurredAt, a.kind);
        if (!withinRevisionWindow(a.occurredAt, context.occurredAt, a.kind))
          return accidentReject(
            "REVISION_WINDOW_CLOSED",
            { accidentId: a.accidentId, days: revisionWindowDays(a.kind), occurredAt: a.occurredAt, lastDay },
            "deaths",
          );
        if (
          context.policy?.refuseEntriesAfterWindow === true &&
          context.recordedAt !== undefined &&
          businessDate(context.recordedAt) > lastDay
        )
          return accidentReject("RECORDED_AFTER_WINDOW", { accidentId: a.accidentId, lastDay }, "deaths");
        const from = { deaths: a.deaths, seriousInjuries: a.seriousInjuries, directLossFen: a.directLossFen };
        const to = {
          deaths: d.deaths,
          seriousInjuries: d.seriousInjuries,
          directLossFen: d.directLossFen ?? a.directLossFen,
        };
        if (
          d.casualties === undefined &&
          from.deaths === to.deaths &&
          from.seriousInjuries === to.seriousInjuries &&
          from.directLossFen === to.directLossFen
        )
          return accidentReject("NO_CHANGE", { of: "accidentFigures", accidentId: a.accidentId }, "deaths");
        // a new list is checked against the revised figures; without one, the report's list is
        const listed = d.casualties === undefined ? a.listed : casualtyCounts(d.casualties);
        const exceeds = listed === undefined ? undefined : casualtyListExceeds(listed, to);
        if (exceeds !== undefined)
          return accidentReject(
            "CASUALTY_LIST_EXCEEDS",
            { accidentId: a.accidentId, ...exceeds },
            d.casualties === undefined
              ? exceeds.outcome === "dead"
                ? "deaths"
                : "seriousInjuries"
              : "casualties",
          );
        return E.right([
          {
            type: "AccidentCasualtiesRevised",
            data: {
              accidentId: a.accidentId,
              from,
              to,
              fromClass: a.accidentClass,
              accidentClass: classifyAccident(to),
              reason: d.reason,
              on,
              by,
              ...(d.casualties === undefined ? {} : { casualties: d.casualties.map(casualtyOf) }),
            },
          },
        ]);
      }
      case "ConcludeAccidentInvestigation": {
        const d = command.data;
        const concluded: AccidentEvent = {
          type: "AccidentInvestigationConcluded",
          data: {
            accidentId: a.accidentId,
            reportRef: d.reportRef,
            cause: d.cause,
            liability: d.liability,
            on,
            by,
          },
        };
        if (d.casualties === undefined) return E.right([concluded]);
        const from = { deaths: a.deaths, seriousInjuries: a.seriousInjuries, directLossFen: a.directLossFen };
        const to = { ...from, ...d.casualties };
        const exceeds = a.listed === undefined ? undefined : casualtyListExceeds(a.listed, to);
        if (exceeds !== undefined)
          return accidentReject(
            "CASUALTY_LIST_EXCEEDS",
            { accidentId: a.accidentId, ...exceeds },
            exceeds.outcome === "dead" ? "casualties.deaths" : "casualties.seriousInjuries",
          );
        if (
          to.deaths === from.deaths &&
          to.seriousInjuries === from.seriousInjuries &&
          to.directLossFen === from.directLossFen
        )
          return E.right([concluded]);
        return E.right([
          {
            type: "AccidentCasualtiesConcluded",
            data: {
              accidentId: a.accidentId,
              from,
              to,
              fromClass: a.accidentClass,
              accidentClass: classifyAccident(to),
              reportRef: d.reportRef,
              on,
              by,
            },
          },
          concluded,
        ]);
      }
      case "CorrectAccidentReport":
        return decideCorrection(command, a, context);
      case "WithdrawAccidentReport": {
        const entering = mayChangeReport(command.type, context, a);
        if (entering) return entering;
        const d = command.data;
        if (d.duplicateOf === a.accidentId) return accidentReject("DUPLICATE_OF_ITSELF", {}, "duplicateOf");
        return E.right([
          {
            type: "AccidentReportWithdrawn",
            data: { accidentId: a.accidentId, duplicateOf: d.duplicateOf ?? null, reason: d.reason, on, by },
          },
        ]);
      }
    }
  },
};
