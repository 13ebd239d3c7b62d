/** Events of a workstream stream `workstream-<code>` (a special topic or project and its working class). */
import * as t from "io-ts";
import { defineEvent, type EventOf, EventRegistry } from "../../kernel/codec-registry";
import { DateString } from "../values";

export const WorkstreamKindCodec = t.keyof({ topic: null, project: null });
export type WorkstreamKind = t.TypeOf<typeof WorkstreamKindCodec>;

export const WorkstreamDefined = defineEvent(
  "WorkstreamDefined",
  t.type({
    code: t.string,
    campaignId: t.string,
    kind: WorkstreamKindCodec,
    name: t.string,
    workingClass: t.string,
    leadUnit: t.string,
    memberUnits: t.array(t.string),
    on: DateString,
  }),
);
export const WorkstreamUnitsChanged = defineEvent(
  "WorkstreamUnitsChanged",
  t.type({
    code: t.string,
    leadUnit: t.string,
    memberUnits: t.array(t.string),
    previousLeadUnit: t.string,
    reason: t.string,
    on: DateString,
  }),
);
export const WorkstreamElementsListed = defineEvent(
  "WorkstreamElementsListed",
  t.type({ code: t.string, elements: t.array(t.string), on: DateString }),
);
export const WorkstreamElementDelisted = defineEvent(
  "WorkstreamElementDelisted",
  t.type({ code: t.string, element: t.string, reason: t.string, on: DateString }),
);
export const WorkstreamClosed = defineEvent(
  "WorkstreamClosed",
  t.type({
    code: t.string,
    /** Every listed element and its final state when the workstream closed. */
    elements: t.array(t.type({ code: t.string, status: t.keyof({ Verified: null, Cancelled: null }) })),
    on: DateString,
  }),
);

export const workstreamEvents = EventRegistry.of(
  WorkstreamDefined,
  WorkstreamUnitsChanged,
  WorkstreamElementsListed,
  WorkstreamElementDelisted,
  WorkstreamClosed,
);

export type WorkstreamEvent =
  | EventOf<typeof WorkstreamDefined>
  | EventOf<typeof WorkstreamUnitsChanged>
  | EventOf<typeof WorkstreamElementsListed>
  | EventOf<typeof WorkstreamElementDelisted>
  | EventOf<typeof WorkstreamClosed>;
