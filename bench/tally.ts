/**
 * The benchmark's aggregate: an inspection tally per site. Small on purpose, so the figures
 * measure the machinery (load, fold, decide, chain, append), not the domain.
 */
import { type Aggregate, defineEvent, domainError, EventRegistry } from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";

export interface Tally {
  readonly inspections: number;
  readonly findings: number;
}
export type TallyCommand = {
  readonly type: "RecordInspection";
  readonly data: { readonly site: string; readonly findings: number };
};
export type TallyEvent = {
  readonly type: "InspectionRecorded";
  readonly data: { readonly findings: number; readonly total: number };
};

export const InspectionRecorded = defineEvent(
  "InspectionRecorded",
  t.type({ findings: t.number, total: t.number }),
);

export const initialTally: Tally = { inspections: 0, findings: 0 };
export const evolveTally = (s: Tally, e: TallyEvent): Tally => ({
  inspections: s.inspections + 1,
  findings: e.data.total,
});
export const decideTally = (
  c: TallyCommand,
  s: Tally,
): E.Either<ReturnType<typeof domainError>, TallyEvent[]> =>
  c.data.findings < 0
    ? E.left(domainError("NEGATIVE", "findings cannot be negative", "findings"))
    : E.right([
        {
          type: "InspectionRecorded",
          data: { findings: c.data.findings, total: s.findings + c.data.findings },
        },
      ]);

export const tallyAggregate: Aggregate<TallyCommand, Tally, TallyEvent> = {
  category: "site",
  decider: { initialState: initialTally, decide: decideTally, evolve: evolveTally },
  events: EventRegistry.of(InspectionRecorded) as EventRegistry<TallyEvent>,
  commands: { RecordInspection: t.type({ site: t.string, findings: t.number }) },
  streamOf: (c) => `site-${c.data.site}`,
};

export const actor = { unit: "GY-EMB", role: "department", person: "Inspector Wang" };
