/**
 * Late entries: events recorded more than N calendar days after they occurred (back-dated
 * entries), and events recorded after a legal window that applied to them had closed, by unit
 * and by actor. A back-dated entry is not wrong in itself (paper forms arrive late), but an
 * auditor wants to see who enters what late, how late, and which rule's window it missed.
 */
import { businessDate } from "../kernel/calendar";
import type { DomainEvent } from "../kernel/codec-registry";
import type { StoredEvent } from "../kernel/envelope";
import type { Projection } from "../kernel/projection";
import { daysBetween } from "../kernel/values";
import { type ClosedWindow, closedWindowOf, type WindowFacts, windowFactsAfter } from "./closed-windows";

export interface LateEntry {
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly unit: string;
  readonly person: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  /** Calendar days (China Standard Time) from the day it occurred to the day it was recorded. */
  readonly lagDays: number;
  /** The legal window that had closed when it was recorded, if one had. */
  readonly closedWindow: ClosedWindow | null;
}

export interface LateEntries {
  readonly entries: ReadonlyArray<LateEntry>;
  readonly byUnit: Readonly<Record<string, number>>;
  readonly byActor: Readonly<Record<string, number>>;
  /** What the windows need of earlier events (each accident's time and kind). */
  readonly windowFacts: WindowFacts;
}

/** The late entry an event is, if it is one. */
const lateEntry = (
  event: DomainEvent,
  meta: StoredEvent,
  days: number,
  facts: WindowFacts,
): LateEntry | undefined => {
  const lagDays = daysBetween(businessDate(meta.metadata.occurredAt), businessDate(meta.metadata.recordedAt));
  const closedWindow = closedWindowOf(facts, event, meta) ?? null;
  if (lagDays <= days && closedWindow === null) return undefined;
  const { unit, person } = meta.metadata.actor;
  return {
    stream: meta.stream,
    revision: meta.revision,
    type: meta.type,
    unit,
    person,
    occurredAt: meta.metadata.occurredAt,
    recordedAt: meta.metadata.recordedAt,
    lagDays,
    closedWindow,
  };
};

const actorKey = (entry: LateEntry) => `${entry.person} (${entry.unit})`;

export const lateEntriesProjection = (days: number): Projection<LateEntries, DomainEvent> => ({
  name: `late-entries-${days}`,
  init: { entries: [], byUnit: {}, byActor: {}, windowFacts: {} },
  apply: (model, { event, meta }) => {
    const entry = lateEntry(event, meta, days, model.windowFacts);
    const windowFacts = windowFactsAfter(model.windowFacts, event, meta);
    if (entry === undefined) return windowFacts === model.windowFacts ? model : { ...model, windowFacts };
    const key = actorKey(entry);
    return {
      entries: [...model.entries, entry],
      byUnit: { ...model.byUnit, [entry.unit]: (model.byUnit[entry.unit] ?? 0) + 1 },
      byActor: { ...model.byActor, [key]: (model.byActor[key] ?? 0) + 1 },
      windowFacts,
    };
  },
  inPlace: {
    copy: (model) => ({
      entries: [...model.entries],
      byUnit: { ...model.byUnit },
      byActor: { ...model.byActor },
      windowFacts: { ...model.windowFacts },
    }),
    apply: (model, { event, meta }) => {
      const m = model as {
        entries: LateEntry[];
        byUnit: Record<string, number>;
        byActor: Record<string, number>;
        windowFacts: Record<string, WindowFacts[string]>;
      };
      const entry = lateEntry(event, meta, days, m.windowFacts);
      if (event.type === "AccidentReported") Object.assign(m.windowFacts, windowFactsAfter({}, event, meta));
      if (entry === undefined) return;
      const key = actorKey(entry);
      m.entries.push(entry);
      m.byUnit[entry.unit] = (m.byUnit[entry.unit] ?? 0) + 1;
      m.byActor[key] = (m.byActor[key] ?? 0) + 1;
    },
  },
});
