/** The folded state of a hidden hazard, and the derived "overdue". */
import type { ActorRef } from "../values";
import type { HazardEvent, HazardSource, Implementation, TreatmentPlan } from "./events";

export type HazardStatus =
  | "Registered"
  | "Reported"
  | "Planned"
  | "Remediating"
  | "Rectified"
  | "Evaluated"
  | "AcceptanceApplied"
  | "Closed";

export interface DeadlineEntry {
  readonly deadline: string;
  readonly setBy: string;
  readonly on: string;
}

export interface RegisteredHazard {
  readonly status: HazardStatus;
  readonly hazardId: string;
  readonly entityId: string;
  readonly source: HazardSource;
  readonly grade: string;
  readonly procedure: "general" | "major";
  readonly description: string;
  readonly location: string | null;
  readonly discoveredOn: string;
  readonly registeredOn: string;
  readonly registeredBy: ActorRef;
  readonly deadline: string;
  readonly deadlineSetBy: string;
  readonly deadlines: ReadonlyArray<DeadlineEntry>;
  readonly pendingExtension: {
    readonly requested: string;
    readonly reason: string;
    readonly on: string;
  } | null;
  readonly reportedToDepartment: boolean;
  readonly plan: TreatmentPlan | null;
  readonly implementations: Partial<Record<Implementation, string>>;
  readonly productionSuspended: boolean;
  readonly rectifier: ActorRef | null;
  readonly decisionDueOn: string | null;
  readonly listedBy: string | null;
  readonly escalations: ReadonlyArray<{ readonly measure: string; readonly on: string; readonly by: string }>;
  readonly reopens: string | null;
  readonly closedOn: string | null;
  readonly acceptedBy: "enterprise" | "government" | null;
}

export type HazardState = { readonly status: "None" } | RegisteredHazard;

export const initialHazardState: HazardState = { status: "None" };

export const isHazardRegistered = (s: HazardState): s is RegisteredHazard => s.status !== "None";

/** Overdue is derived: as of `date`, open (not Closed) and past its current deadline. */
export const isHazardOverdue = (s: HazardState, date: string): boolean =>
  isHazardRegistered(s) && s.status !== "Closed" && date > s.deadline;

/** A written acceptance application whose decision is past due as of `date`. */
export const isAcceptanceDecisionOverdue = (s: HazardState, date: string): boolean =>
  isHazardRegistered(s) &&
  s.status === "AcceptanceApplied" &&
  s.decisionDueOn !== null &&
  date > s.decisionDueOn;

export const evolveHazard = (state: HazardState, event: HazardEvent): HazardState => {
  if (event.type === "HazardRegistered") {
    const d = event.data;
    return {
      status: d.procedure === "major" && d.reportedToDepartment ? "Reported" : "Registered",
      hazardId: d.hazardId,
      entityId: d.entityId,
      source: d.source,
      grade: d.grade,
      procedure: d.procedure,
      description: d.description,
      location: d.location,
      discoveredOn: d.discoveredOn,
      registeredOn: d.on,
      registeredBy: d.by,
      deadline: d.deadline,
      deadlineSetBy: d.deadlineSetBy,
      deadlines: [{ deadline: d.deadline, setBy: d.deadlineSetBy, on: d.on }],
      pendingExtension: null,
      reportedToDepartment: d.reportedToDepartment,
      plan: null,
      implementations: {},
      productionSuspended: false,
      rectifier: null,
      decisionDueOn: null,
      listedBy: null,
      escalations: [],
      reopens: d.reopens,
      closedOn: null,
      acceptedBy: null,
    };
  }
  if (!isHazardRegistered(state)) return state;
  const setDeadline = (deadline: string, setBy: string, on: string): Partial<RegisteredHazard> => ({
    deadline,
    deadlineSetBy: setBy,
    deadlines: [...state.deadlines, { deadline, setBy, on }],
  });
  switch (event.type) {
    case "HazardDescriptionCorrected":
      return { ...state, ...event.data.to };
    case "HazardRegraded":
      return {
        ...state,
        grade: event.data.to,
        procedure: event.data.procedure,
        // A regrade is a government act: a hazard regraded to major is known to the department.
        status: event.data.procedure === "major" ? "Reported" : "Registered",
        reportedToDepartment: state.reportedToDepartment || event.data.procedure === "major",
      };
    case "MajorHazardReported":
      return { ...state, status: "Reported", reportedToDepartment: true };
    case "TreatmentPlanSubmitted":
      return { ...state, status: "Planned", plan: event.data.plan };
    case "ImplementationConfirmed":
      return {
        ...state,
        implementations: { ...state.implementations, [event.data.element]: event.data.detail },
      };
    case "ProductionSuspendedForHazard":
      return { ...state, productionSuspended: true };
    case "RemediationStarted":
      return { ...state, status: "Remediating" };
    case "HazardRectified":
      return { ...state, status: "Rectified", rectifier: event.data.by };
    case "HazardTreatmentEvaluated":
      return { ...state, status: event.data.conclusion === "effective" ? "Evaluated" : "Remediating" };
    case "HazardAcceptanceApplied":
      return { ...state, status: "AcceptanceApplied", decisionDueOn: event.data.decisionDueOn };
    case "HazardAccepted":
      return {
        ...state,
        status: "Closed",
        closedOn: event.data.on,
        acceptedBy: event.data.acceptedBy,
        productionSuspended: false,
        pendingExtension: null,
      };
    case "HazardAcceptanceRejected":
      return {
        ...state,
        status: state.procedure === "major" ? "Remediating" : "Registered",
        decisionDueOn: null,
      };
    case "HazardListed":
      return {
        ...state,
        listedBy: event.data.authority,
        ...(event.data.deadline === null
          ? {}
          : setDeadline(event.data.deadline, event.data.authority, event.data.on)),
      };
    case "HazardDeadlineSet":
      return { ...state, ...setDeadline(event.data.to, event.data.setBy, event.data.on) };
    case "HazardDeadlineExtensionRequested":
      return {
        ...state,
        pendingExtension: { requested: event.data.requested, reason: event.data.reason, on: event.data.on },
      };
    case "HazardDeadlineExtensionGranted":
      return {
        ...state,
        pendingExtension: null,
        ...setDeadline(event.data.to, state.deadlineSetBy, event.data.on),
      };
    case "HazardDeadlineExtensionDenied":
      return { ...state, pendingExtension: null };
    case "HazardEscalated":
      return {
        ...state,
        escalations: [
          ...state.escalations,
          { measure: event.data.measure, on: event.data.on, by: event.data.by.unit },
        ],
      };
  }
};
