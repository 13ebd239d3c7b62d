/**
 * An `EventFilter` as SQL conditions. Stream prefixes become `GLOB 'prefix*'` with the glob's
 * special characters escaped (LIKE would treat `_` and `%` in a stream name as wildcards and
 * ignore case). The conditions are shaped so that SQLite walks events in position order and
 * never sorts: prefixes are tested row by row (`+stream_name` keeps the planner off the
 * stream index), a single event type walks the `(event_type, global_position)` index.
 */
import type { EventFilter } from "@safety-ledger/core";

export interface SqlCondition {
  readonly sql: ReadonlyArray<string>;
  readonly params: ReadonlyArray<string>;
}

/** A GLOB pattern matching exactly the strings that start with `prefix`. */
export const globPrefix = (prefix: string): string => `${prefix.replace(/[*?[]/g, "[$&]")}*`;

export const filterConditions = (filter: EventFilter | undefined): SqlCondition => {
  const sql: string[] = [];
  const params: string[] = [];
  const prefixes = filter?.streamPrefixes;
  if (prefixes !== undefined && !prefixes.includes("")) {
    if (prefixes.length === 0) sql.push("0");
    else {
      sql.push(`(${prefixes.map(() => "+stream_name GLOB ?").join(" OR ")})`);
      params.push(...prefixes.map(globPrefix));
    }
  }
  const types = filter?.eventTypes;
  if (types !== undefined) {
    if (types.length === 0) sql.push("0");
    else if (types.length === 1) {
      sql.push("event_type = ?");
      params.push(types[0]!);
    } else {
      sql.push(`+event_type IN (${types.map(() => "?").join(", ")})`);
      params.push(...types);
    }
  }
  return { sql, params };
};
