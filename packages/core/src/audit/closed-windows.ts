/**
 * Entries recorded after their legal window had closed. The business time an entry claims
 * decides whether a rule lets it in (a paper record entered late is legitimate), but an auditor
 * must see when the ledger learned of it: a casualty revision claimed on day 27 and recorded on
 * day 37 was made when the window of Decree 493 art. 13 had already closed.
 */
import { revisionWindowDays, revisionWindowLastDay } from "../accidents/rules";
import { businessDate } from "../kernel/calendar";
import type { DomainEvent } from "../kernel/codec-registry";
import type { StoredEvent } from "../kernel/envelope";

export interface ClosedWindow {
  /** A stable key of the rule, for programs. */
  readonly rule: "accident-casualty-revision";
  /** The rule in words, with its legal source. */
  readonly description: string;
  /** The window's last day (it closed at 24:00 of it, China Standard Time). */
  readonly lastDay: string;
}

type AccidentKind = Parameters<typeof revisionWindowDays>[0];

/** What the windows need to know of earlier events: each accident stream's time and kind. */
export type WindowFacts = Readonly<
  Record<string, { readonly occurredAt: string; readonly kind: AccidentKind }>
>;

/** The facts after `event` (the same object when the event adds none). */
export const windowFactsAfter = (facts: WindowFacts, event: DomainEvent, meta: StoredEvent): WindowFacts => {
  if (event.type !== "AccidentReported") return facts;
  const data = event.data as { occurredAt: string; kind: AccidentKind };
  return { ...facts, [meta.stream]: { occurredAt: data.occurredAt, kind: data.kind } };
};

/** The window `event` was recorded after, if one applied to it and had closed by its record date. */
export const closedWindowOf = (
  facts: WindowFacts,
  event: DomainEvent,
  meta: StoredEvent,
): ClosedWindow | undefined => {
  if (event.type !== "AccidentCasualtiesRevised") return undefined;
  const accident = facts[meta.stream];
  if (accident === undefined) return undefined;
  const lastDay = revisionWindowLastDay(accident.occurredAt, accident.kind);
  if (businessDate(meta.metadata.recordedAt) <= lastDay) return undefined;
  return {
    rule: "accident-casualty-revision",
    description: `casualties revisable within ${revisionWindowDays(accident.kind)} days of the accident (Decree 493 art. 13)`,
    lastDay,
  };
};
