/**
 * Late entries: events recorded more than N days after they occurred (back-dated entries), by
 * unit and by actor. A back-dated entry is not wrong in itself (paper forms arrive late), but an
 * auditor wants to see who enters what late, and how late.
 */
import type { DomainEvent } from "../kernel/codec-registry";
import type { StoredEvent } from "../kernel/envelope";
import { parseInstant } from "../kernel/instant";
import type { Projection } from "../kernel/projection";

export interface LateEntry {
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly unit: string;
  readonly person: string;
  readonly occurredAt: string;
  readonly recordedAt: string;
  /** Whole days between occurrence and record. */
  readonly lagDays: number;
}

export interface LateEntries {
  readonly entries: ReadonlyArray<LateEntry>;
  readonly byUnit: Readonly<Record<string, number>>;
  readonly byActor: Readonly<Record<string, number>>;
}

const DAY = 86_400_000;

/** The late entry an event is, if it is one. */
const lateEntry = (meta: StoredEvent, days: number): LateEntry | undefined => {
  const lag = parseInstant(meta.metadata.recordedAt) - parseInstant(meta.metadata.occurredAt);
  if (lag <= days * DAY) return undefined;
  const { unit, person } = meta.metadata.actor;
  return {
    stream: meta.stream,
    revision: meta.revision,
    type: meta.type,
    unit,
    person,
    occurredAt: meta.metadata.occurredAt,
    recordedAt: meta.metadata.recordedAt,
    lagDays: Math.floor(lag / DAY),
  };
};

export const lateEntriesProjection = (days: number): Projection<LateEntries, DomainEvent> => ({
  name: `late-entries-${days}`,
  init: { entries: [], byUnit: {}, byActor: {} },
  apply: (model, { meta }) => {
    const entry = lateEntry(meta, days);
    if (entry === undefined) return model;
    const { unit, person } = entry;
    const actorKey = `${person} (${unit})`;
    return {
      entries: [...model.entries, entry],
      byUnit: { ...model.byUnit, [unit]: (model.byUnit[unit] ?? 0) + 1 },
      byActor: { ...model.byActor, [actorKey]: (model.byActor[actorKey] ?? 0) + 1 },
    };
  },
  inPlace: {
    copy: (model) => ({
      entries: [...model.entries],
      byUnit: { ...model.byUnit },
      byActor: { ...model.byActor },
    }),
    apply: (model, { meta }) => {
      const entry = lateEntry(meta, days);
      if (entry === undefined) return;
      const m = model as {
        entries: LateEntry[];
        byUnit: Record<string, number>;
        byActor: Record<string, number>;
      };
      const actorKey = `${entry.person} (${entry.unit})`;
      m.entries.push(entry);
      m.byUnit[entry.unit] = (m.byUnit[entry.unit] ?? 0) + 1;
      m.byActor[actorKey] = (m.byActor[actorKey] ?? 0) + 1;
    },
  },
});
