/**
 * The port's filters as EventStoreDB filters. The server takes one filter, on stream names or
 * on event types, so the adapter sends the more selective one and checks the rest itself.
 * System events (a `$` type or a `$` stream: `$metadata`, `$streamDeleted`, `$>` links,
 * `$settings`, statistics) never reach the domain, whatever the filter, nor do the key store's
 * streams (`subject-key-…`, subject-keys.ts).
 */
import { type EventFilter, matchesFilter } from "@safety-ledger/core";
import type { RecordedEvent, ServerFilter } from "./client-port";
import { isSubjectKeyStream } from "./subject-keys";

/** Event types that do not start with `$` (the client's `excludeSystemEvents()`). */
export const EXCLUDE_SYSTEM_EVENTS: ServerFilter = { on: "type", regex: "^[^\\$].*" };

export type FilterPlan =
  | { readonly nothing: true }
  | {
      readonly nothing: false;
      readonly server: ServerFilter;
      readonly keep: (event: Pick<RecordedEvent, "stream" | "type">) => boolean;
    };

export const isSystemEvent = (event: Pick<RecordedEvent, "stream" | "type">): boolean =>
  event.type.startsWith("$") || event.stream.startsWith("$");

export const planFilter = (filter: EventFilter | undefined): FilterPlan => {
  const prefixes = filter?.streamPrefixes?.filter((p) => !p.startsWith("$"));
  const types = filter?.eventTypes?.filter((t) => !t.startsWith("$"));
  // An empty list matches nothing; a filter on `$` names only matches system events.
  if ((prefixes !== undefined && prefixes.length === 0) || (types !== undefined && types.length === 0))
    return { nothing: true };
  const keep = (event: Pick<RecordedEvent, "stream" | "type">) =>
    !isSystemEvent(event) && !isSubjectKeyStream(event.stream) && matchesFilter(filter, event);
  if (prefixes !== undefined) return { nothing: false, server: { on: "stream", prefixes }, keep };
  if (types !== undefined) return { nothing: false, server: { on: "type", prefixes: types }, keep };
  return { nothing: false, server: EXCLUDE_SYSTEM_EVENTS, keep };
};
