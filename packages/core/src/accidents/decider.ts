/** The accident decider: Reported → Concluded, with casualty revisions inside the window. */
import * as E from "fp-ts/lib/Either.js";
import { type CommandContext, type Decider, type Rejection, reject } from "../kernel/decider";
import { domainError } from "../kernel/errors";
import { DISTRICT_KEYS } from "../reference/districts";
import { SECTOR_KEYS } from "../reference/sectors";
import { initialEntityState, isRegistered } from "../supervision/entity/state";
import { denied } from "../supervision/permissions";
import { ENTITY_KEY } from "../supervision/risk/decider";
import { actorRef, businessDate, relatedState } from "../supervision/values";
import type { AccidentCommand } from "./commands";
import type { AccidentEvent } from "./events";
import { mayIssueAccident } from "./permissions";
import {
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
    return E.left(denied(command, context, "an enterprise reports only accidents of its own"));
  if (a.role === "department" && supervisingDepartment !== null && a.unit !== supervisingDepartment)
    return E.left(
      denied(command, context, `${entityId} is supervised by ${supervisingDepartment}, not by ${a.unit}`),
    );
  return undefined;
};

const requireAccident = (state: AccidentState, accidentId: string): E.Either<Rejection, ReportedAccident> => {
  if (!isReported(state))
    return E.left(
      domainError("ACCIDENT_NOT_REPORTED", `Accident ${accidentId} has not been reported.`, "accidentId"),
    );
  if (state.status === "Concluded")
    return E.left(
      domainError(
        "INVESTIGATION_CONCLUDED",
        `The investigation of accident ${accidentId} is concluded; it can no longer change.`,
        "accidentId",
      ),
    );
  return E.right(state);
};

const decideReport = (
  command: Extract<AccidentCommand, { type: "ReportAccident" }>,
  state: AccidentState,
  context: CommandContext,
): Decision => {
  const d = command.data;
  if (isReported(state))
    return reject(
      "ACCIDENT_ALREADY_REPORTED",
      `Accident ${d.accidentId} was already reported.`,
      "accidentId",
    );
  const entityId = d.entityId ?? null;
  let sector = d.sector;
  let district = d.district;
  let supervisingDepartment: string | null = null;
  if (entityId !== null) {
    const entity = relatedState(context, ENTITY_KEY, initialEntityState);
    if (!isRegistered(entity) || entity.entityId !== entityId)
      return reject("ENTITY_NOT_REGISTERED", `Entity ${entityId} is not on the real-name list.`, "entityId");
    if (sector !== undefined && sector !== entity.sector)
      return reject(
        "SECTOR_MISMATCH",
        `Entity ${entityId} is in sector ${entity.sector}, not ${sector}.`,
        "sector",
      );
    if (district !== undefined && district !== entity.district)
      return reject(
        "DISTRICT_MISMATCH",
        `Entity ${entityId} is in ${entity.district}, not ${district}.`,
        "district",
      );
    sector = entity.sector;
    district = entity.district;
    supervisingDepartment = entity.supervisingDepartment;
  }
  const scope = inAccidentScope(command.type, context, entityId, supervisingDepartment);
  if (scope) return scope;
  if (sector === undefined)
    return reject("SECTOR_REQUIRED", "Give the sector of an accident without an entity.", "sector");
  if (district === undefined)
    return reject(
      "DISTRICT_REQUIRED",
      "Give the district or county of an accident without an entity.",
      "district",
    );
  if (!SECTOR_KEYS.includes(sector))
    return reject("UNKNOWN_SECTOR", `Sector "${sector}" is not on the sector list.`, "sector");
  if (!DISTRICT_KEYS.includes(district))
    return reject("UNKNOWN_DISTRICT", `District or county "${district}" is not on the list.`, "district");
  const reportedAt = d.reportedAt ?? context.occurredAt;
  if (Date.parse(reportedAt) < Date.parse(d.occurredAt))
    return reject(
      "REPORTED_BEFORE_OCCURRED",
      `The report time ${reportedAt} is before the accident (${d.occurredAt}).`,
      "reportedAt",
    );
  const lateReport = isLateReport(d.occurredAt, reportedAt);
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
      },
    },
  ]);
};

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
          return reject(
            "REVISION_WINDOW_CLOSED",
            `Casualties of accident ${a.accidentId} may be revised only within ${revisionWindowDays(a.kind)} days of ${a.occurredAt} (until 24:00 on ${lastDay}, China Standard Time).`,
            "deaths",
          );
        if (
          context.policy?.refuseEntriesAfterWindow === true &&
          context.recordedAt !== undefined &&
          businessDate(context.recordedAt) > lastDay
        )
          return reject(
            "RECORDED_AFTER_WINDOW",
            `The revision window of accident ${a.accidentId} closed at 24:00 on ${lastDay}; this deployment refuses revisions recorded after it, whatever date they claim.`,
            "deaths",
          );
        const from = { deaths: a.deaths, seriousInjuries: a.seriousInjuries, directLossFen: a.directLossFen };
        const to = {
          deaths: d.deaths,
          seriousInjuries: d.seriousInjuries,
          directLossFen: d.directLossFen ?? a.directLossFen,
        };
        if (
          from.deaths === to.deaths &&
          from.seriousInjuries === to.seriousInjuries &&
          from.directLossFen === to.directLossFen
        )
          return reject("NO_CHANGE", `These are already the figures of accident ${a.accidentId}.`, "deaths");
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
            },
          },
        ]);
      }
      case "ConcludeAccidentInvestigation": {
        const d = command.data;
        return E.right([
          {
            type: "AccidentInvestigationConcluded",
            data: {
              accidentId: a.accidentId,
              reportRef: d.reportRef,
              cause: d.cause,
              liability: d.liability,
              on,
              by,
            },
          },
        ]);
      }
    }
  },
};
