/**
 * The data subjects of a ledger as `privacy subjects` lists them: each subject's record and kind,
 * the event that introduced the person (revision, type, business date), and whether the key is
 * live or destroyed. No personal value is read: a clerk tells the persons apart by where they
 * entered the record.
 */

import { businessDate } from "../kernel/calendar";
import type { EventStore } from "../kernel/event-store";
import type { DataSubjectKind } from "./personal-fields";
import { unprotectedOf } from "./protect";
import { parseSubject } from "./subject-ids";
import type { SubjectKeyStore } from "./subject-keys";

export interface SubjectListing {
  readonly subject: string;
  readonly stream: string;
  readonly kind: DataSubjectKind | null;
  readonly status: "live" | "destroyed";
  /** The event in which the ledger met the person; null for a role subject (every holder of the role). */
  readonly introducedBy: {
    readonly eventId: string;
    readonly revision: number;
    readonly type: string;
    readonly on: string;
  } | null;
}

export const listSubjects = async (
  store: EventStore,
  keys: SubjectKeyStore,
  prefix = "",
): Promise<ReadonlyArray<SubjectListing>> => {
  const subjects = await keys.subjects(prefix);
  // The introducing events, found by one read of each record that has person subjects.
  const wanted = new Map<string, Set<string>>();
  for (const { subject } of subjects) {
    const parts = parseSubject(subject);
    if (parts?.eventId === undefined) continue;
    const ids = wanted.get(parts.stream) ?? new Set<string>();
    wanted.set(parts.stream, ids);
    ids.add(parts.eventId);
  }
  const found = new Map<string, NonNullable<SubjectListing["introducedBy"]>>();
  const raw = unprotectedOf(store);
  for (const [stream, ids] of wanted) {
    let left = ids.size;
    for await (const event of raw.readStream(stream)) {
      if (!ids.has(event.id)) continue;
      found.set(event.id, {
        eventId: event.id,
        revision: event.revision,
        type: event.type,
        on: businessDate(event.metadata.occurredAt),
      });
      if (--left === 0) break;
    }
  }
  return subjects.map(({ subject, status }) => {
    const parts = parseSubject(subject);
    return {
      subject,
      stream: parts?.stream ?? subject.slice(0, subject.lastIndexOf("/")),
      kind: parts?.kind ?? null,
      status,
      introducedBy: parts?.eventId === undefined ? null : (found.get(parts.eventId) ?? null),
    };
  });
};
