/** The state machines of the supervision context, as data (for docs and tests). */
import type { Transition } from "../kernel/markdown";

const GOV = "office, supervising department";
const OWN = "the enterprise itself, its supervising department, office";

export const entityTransitions: ReadonlyArray<Transition> = [
  { from: "(none)", command: "RegisterEntity", to: "Registered", by: GOV },
  { from: "Registered", command: "ActivateEntity", to: "Active", by: GOV },
  { from: "Active", command: "SuspendEntity", to: "Suspended", by: GOV },
  { from: "Suspended", command: "ResumeEntity", to: "Active", by: GOV },
  { from: "Registered", command: "CloseEntity", to: "Closed", by: GOV },
  { from: "Active", command: "CloseEntity", to: "Closed", by: GOV },
  { from: "Suspended", command: "CloseEntity", to: "Closed", by: GOV },
];

export const riskTransitions: ReadonlyArray<Transition> = [
  { from: "(none)", command: "IdentifyRisk", to: "Identified", by: OWN },
  { from: "Identified", command: "AssessRisk", to: "Assessed", by: OWN },
  { from: "Assessed", command: "AssessRisk", to: "Assessed", by: `${OWN} (reassessment or residual)` },
  { from: "Identified", command: "RetireRisk", to: "Retired", by: OWN },
  { from: "Assessed", command: "RetireRisk", to: "Retired", by: OWN },
];

const ENT = "the enterprise itself";
const GOV_SCOPE = "a government body in scope";
const ACCEPTOR = "not the rectifier; the listing authority if listed";

export const hazardTransitions: ReadonlyArray<Transition> = [
  {
    from: "(none)",
    command: "RegisterHazard",
    to: "Registered",
    by: `${ENT} (self-inspection, general or major)`,
  },
  {
    from: "(none)",
    command: "RegisterHazard",
    to: "Reported",
    by: `${GOV_SCOPE} (inspection or public report, major)`,
  },
  { from: "Registered", command: "RecordRectification", to: "Rectified", by: `${ENT} (general)` },
  { from: "Rectified", command: "AcceptHazard", to: "Closed", by: `${ACCEPTOR} (general)` },
  { from: "Rectified", command: "RejectHazardAcceptance", to: "Registered", by: `${ACCEPTOR} (general)` },
  { from: "Registered", command: "RegradeHazard", to: "Reported", by: `${GOV_SCOPE} (to a major grade)` },
  { from: "Reported", command: "RegradeHazard", to: "Registered", by: `${GOV_SCOPE} (to a general grade)` },
  { from: "Registered", command: "ReportMajorHazard", to: "Reported", by: `${ENT} (major)` },
  { from: "Reported", command: "SubmitTreatmentPlan", to: "Planned", by: ENT },
  {
    from: "Planned",
    command: "StartRemediation",
    to: "Remediating",
    by: `${ENT}; all five implementations confirmed`,
  },
  { from: "Remediating", command: "RecordRectification", to: "Rectified", by: `${ENT} (major)` },
  {
    from: "Rectified",
    command: "EvaluateHazardTreatment",
    to: "Evaluated",
    by: "own experts or an agency (effective)",
  },
  {
    from: "Rectified",
    command: "EvaluateHazardTreatment",
    to: "Remediating",
    by: "own experts or an agency (ineffective)",
  },
  {
    from: "Evaluated",
    command: "ApplyForHazardAcceptance",
    to: "AcceptanceApplied",
    by: `${ENT}, in writing`,
  },
  { from: "AcceptanceApplied", command: "AcceptHazard", to: "Closed", by: `the regulator; ${ACCEPTOR}` },
  {
    from: "AcceptanceApplied",
    command: "RejectHazardAcceptance",
    to: "Remediating",
    by: `the regulator; ${ACCEPTOR}`,
  },
];
