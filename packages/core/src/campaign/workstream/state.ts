/** The folded state of a workstream. */
import type { WorkstreamEvent, WorkstreamKind } from "./events";

export type WorkstreamStatus = "Undefined" | "Open" | "Closed";

export interface WorkstreamState {
  readonly status: WorkstreamStatus;
  readonly code: string;
  readonly campaignId: string;
  readonly kind: WorkstreamKind;
  readonly name: string;
  readonly workingClass: string;
  readonly leadUnit: string;
  readonly memberUnits: ReadonlyArray<string>;
  /** Lead and member units over time, first the defined ones. */
  readonly unitHistory: ReadonlyArray<{
    readonly leadUnit: string;
    readonly memberUnits: ReadonlyArray<string>;
    readonly from: string;
    readonly reason: string;
  }>;
  /** The element codes on this workstream's Key Task List, in listing order. */
  readonly elements: ReadonlyArray<string>;
  readonly delisted: ReadonlyArray<{
    readonly element: string;
    readonly reason: string;
    readonly on: string;
  }>;
  readonly closedOn?: string;
}

export const initialWorkstreamState: WorkstreamState = {
  status: "Undefined",
  code: "",
  campaignId: "",
  kind: "project",
  name: "",
  workingClass: "",
  leadUnit: "",
  memberUnits: [],
  unitHistory: [],
  elements: [],
  delisted: [],
};

export const evolveWorkstream = (state: WorkstreamState, event: WorkstreamEvent): WorkstreamState => {
  switch (event.type) {
    case "WorkstreamDefined": {
      const d = event.data;
      return {
        ...state,
        status: "Open",
        code: d.code,
        campaignId: d.campaignId,
        kind: d.kind,
        name: d.name,
        workingClass: d.workingClass,
        leadUnit: d.leadUnit,
        memberUnits: d.memberUnits,
        unitHistory: [{ leadUnit: d.leadUnit, memberUnits: d.memberUnits, from: d.on, reason: "defined" }],
      };
    }
    case "WorkstreamUnitsChanged": {
      const { leadUnit, memberUnits, on, reason } = event.data;
      return {
        ...state,
        leadUnit,
        memberUnits,
        unitHistory: [...state.unitHistory, { leadUnit, memberUnits, from: on, reason }],
      };
    }
    case "WorkstreamElementsListed":
      return { ...state, elements: [...state.elements, ...event.data.elements] };
    case "WorkstreamElementDelisted": {
      const { element, reason, on } = event.data;
      return {
        ...state,
        elements: state.elements.filter((e) => e !== element),
        delisted: [...state.delisted, { element, reason, on }],
      };
    }
    case "WorkstreamClosed":
      return { ...state, status: "Closed", closedOn: event.data.on };
  }
};
