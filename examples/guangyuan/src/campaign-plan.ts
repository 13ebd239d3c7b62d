/**
 * The 291 Key Task List elements, one by one, and what happens to each up to 2020-12-31.
 * ILLUSTRATIVE: the element texts of Guangyuan's plan are not public; the counts per workstream
 * (summing to 291) and the stages are kept. Seeded, so every run plans the same elements.
 */
import { COUNTIES, countyGovernment, type Unit, WORKSTREAMS, type WorkstreamPlan } from "./organisation";
import { pad, seeded } from "./random";

/** What happens to an element by the end of 2020. */
export type Fate =
  /** Mobilisation: assigned in April, reported and verified around the end of May. */
  | "mobilisation-verified"
  /** Reported, rejected by the verifier, redone and verified. */
  | "mobilisation-rejected-redone"
  | "verified"
  | "rejected-redone"
  /** Extension requested before the deadline and granted; then done and verified. */
  | "extended-verified"
  /** Extension granted to a date in 2021; still in progress. */
  | "extended-pending"
  /** Extension denied; the deadline passed; reminder and supervision notice. */
  | "extension-denied-overdue"
  /** Overdue: reminder, supervision notice, then completion reported late (still not verified). */
  | "overdue-reported-late"
  /** Overdue: reminder, supervision notice, interview and accountability. */
  | "overdue-accountability"
  /** Reported just before the 2020-12-31 deadline; awaiting verification. */
  | "awaiting-verification"
  /** Due 2020-12-31, still in progress (not overdue as of that day). */
  | "in-progress"
  | "cancelled"
  /** Quarterly: 2020-Q3 verified, 2020-Q4 reported (and verified for some). */
  | "recurring"
  /** Quarterly, 2020-Q3 never reported: overdue and reminded. */
  | "recurring-missed"
  /** A 2021/2022 element: assigned, and started for some. */
  | "later-started"
  | "later-assigned";

export interface ElementPlan {
  readonly code: string;
  readonly workstream: WorkstreamPlan;
  readonly index: number;
  readonly stage: "mobilisation" | "investigation" | "tackling" | "consolidation";
  readonly lead: Unit;
  readonly coUnits: ReadonlyArray<Unit>;
  readonly deadline: string;
  readonly recurrence?: "quarterly";
  readonly fate: Fate;
  readonly task: string;
  readonly element: string;
  readonly deliverable: string;
}

/** The investigation-stage fates in rotation (12 slots; special ones are set by position). */
const ROTATION: ReadonlyArray<Fate> = [
  "verified",
  "verified",
  "rejected-redone",
  "verified",
  "extended-verified",
  "overdue-reported-late",
  "verified",
  "awaiting-verification",
  "in-progress",
  "extended-pending",
  "verified",
  "overdue-accountability",
];

const DEADLINES: Partial<Record<Fate, ReadonlyArray<string>>> = {
  verified: ["2020-08-31", "2020-09-30", "2020-10-31", "2020-11-30", "2020-12-31"],
  "rejected-redone": ["2020-09-30", "2020-10-31", "2020-11-30"],
  "extended-verified": ["2020-09-30", "2020-10-31"],
  "extended-pending": ["2020-11-30", "2020-12-31"],
  "extension-denied-overdue": ["2020-10-31"],
  "overdue-reported-late": ["2020-08-31", "2020-09-30", "2020-10-31"],
  "overdue-accountability": ["2020-08-31", "2020-09-30", "2020-10-31"],
  "awaiting-verification": ["2020-12-31"],
  "in-progress": ["2020-12-31"],
  cancelled: ["2020-11-30"],
};

const TASKS: Record<string, string> = {
  mobilisation: "Mobilise and deploy the special rectification",
  investigation: "Investigate and remediate hidden hazards",
  tackling: "Tackle the deep-seated problems",
  consolidation: "Consolidate and upgrade the results",
};

const DELIVERABLES: Record<string, string> = {
  mobilisation: "Implementation plan issued and working class set up (document number)",
  investigation: "Investigation ledger, remediation records and a written report",
  tackling: "Rules or standards issued and a progress report",
  consolidation: "Long-term mechanism documents and a summary report",
};

const stageOf = (k: number, n: number): ElementPlan["stage"] => {
  if (k < 2) return "mobilisation";
  const rest = n - 3;
  const j = k - 3;
  if (j < Math.round(rest * 0.45)) return "investigation";
  if (j < Math.round(rest * 0.75)) return "tackling";
  return "consolidation";
};

/** Every element of the scenario, by workstream, in list order. */
export const planElements = (): ReadonlyArray<ElementPlan> => {
  const r = seeded(2020_07_14);
  const counties = COUNTIES.map(countyGovernment);
  const out: ElementPlan[] = [];
  let investigation = 0;
  WORKSTREAMS.forEach((ws, w) => {
    const others = [...ws.members, ...counties];
    for (let k = 0; k < ws.elements; k++) {
      const code = `${ws.code}-${pad(k + 1, 3)}`;
      const recurring = k === 2;
      const stage = recurring ? "investigation" : stageOf(k, ws.elements);
      let fate: Fate;
      if (stage === "mobilisation")
        fate = k === 1 && w % 5 === 2 ? "mobilisation-rejected-redone" : "mobilisation-verified";
      else if (recurring) fate = w === WORKSTREAMS.length - 1 ? "recurring-missed" : "recurring";
      else if (stage === "investigation") {
        const j = investigation++;
        fate =
          j % 24 === 13
            ? "extension-denied-overdue"
            : j % 40 === 25
              ? "cancelled"
              : ROTATION[j % ROTATION.length]!;
      } else fate = k % 3 === 0 ? "later-started" : "later-assigned";

      // The workstream's lead unit leads every fourth element itself; the others go to its member
      // units and the county governments. An element whose extension is decided by the assigner
      // (the workstream's lead unit) is never led by that same unit.
      const decidesOwnExtension = fate.startsWith("extended") || fate === "extension-denied-overdue";
      const lead = k % 4 === 0 && !decidesOwnExtension ? ws.lead : r.pick(others);
      const candidates = [ws.lead, ...others].filter((u) => u.id !== lead.id);
      const coUnits: Unit[] = [];
      for (let c = r.int(0, 2); c > 0; c--) {
        const u = r.pick(candidates);
        if (!coUnits.includes(u)) coUnits.push(u);
      }
      const deadline =
        stage === "mobilisation"
          ? r.pick(["2020-05-20", "2020-05-31"])
          : recurring
            ? "2022-12-31"
            : stage === "tackling"
              ? r.pick(["2021-06-30", "2021-12-31"])
              : stage === "consolidation"
                ? r.pick(["2022-06-30", "2022-12-31"])
                : r.pick(DEADLINES[fate]!);
      out.push({
        code,
        workstream: ws,
        index: k,
        stage,
        lead,
        coUnits,
        deadline,
        ...(recurring ? { recurrence: "quarterly" as const } : {}),
        fate,
        task: `${ws.en}: ${TASKS[stage]} (illustrative)`,
        element: recurring
          ? `${ws.en}: quarterly inspection and report, element ${k + 1} (illustrative)`
          : `${ws.en}: key task element ${k + 1} (illustrative)`,
        deliverable: DELIVERABLES[stage]!,
      });
    }
  });
  return out;
};
