/** The folded state of a responsibility list: its versions and the duties performed. */
import type { Evidence } from "../values";
import type { ResponsibilityItem, ResponsibilityListEvent } from "./events";

export interface ResponsibilityListVersion {
  readonly version: number;
  readonly effectiveFrom: string;
  readonly items: ReadonlyArray<ResponsibilityItem>;
  readonly on: string;
  readonly reason: string;
}

export interface DutyPerformance {
  readonly itemId: string;
  readonly version: number;
  readonly performedOn: string;
  readonly evidence: ReadonlyArray<Evidence>;
  readonly note: string;
  readonly recordedBy: string;
  readonly on: string;
}

export interface ResponsibilityListState {
  readonly status: "Unpublished" | "Published";
  readonly listId: string;
  readonly title: string;
  /** Versions in order; each is in force from its `effectiveFrom` until the next one's. */
  readonly versions: ReadonlyArray<ResponsibilityListVersion>;
  readonly performances: ReadonlyArray<DutyPerformance>;
}

export const initialResponsibilityListState: ResponsibilityListState = {
  status: "Unpublished",
  listId: "",
  title: "",
  versions: [],
  performances: [],
};

/** The version in force on a date (none before the first takes effect). */
export const versionInForce = (
  state: ResponsibilityListState,
  date: string,
): ResponsibilityListVersion | undefined => {
  let found: ResponsibilityListVersion | undefined;
  for (const v of state.versions) if (v.effectiveFrom <= date) found = v;
  return found;
};

export const evolveResponsibilityList = (
  state: ResponsibilityListState,
  event: ResponsibilityListEvent,
): ResponsibilityListState => {
  switch (event.type) {
    case "ResponsibilityListPublished": {
      const { listId, title, version, effectiveFrom, items, on } = event.data;
      return {
        ...state,
        status: "Published",
        listId,
        title,
        versions: [{ version, effectiveFrom, items, on, reason: "published" }],
      };
    }
    case "ResponsibilityListRevised": {
      const { version, effectiveFrom, items, on, reason } = event.data;
      return { ...state, versions: [...state.versions, { version, effectiveFrom, items, on, reason }] };
    }
    case "DutyPerformed": {
      const { itemId, version, performedOn, evidence, note, recordedBy, on } = event.data;
      return {
        ...state,
        performances: [
          ...state.performances,
          { itemId, version, performedOn, evidence, note, recordedBy: recordedBy.unit, on },
        ],
      };
    }
  }
};
