/**
 * An `EventFilter` as SQL conditions with numbered parameters. A stream prefix is compared
 * with `substr(stream_name, 1, n) = prefix`, which has no wildcards to escape (LIKE would read
 * `_` and `%` in a stream name as patterns).
 */
import type { EventFilter } from "@safety-ledger/core";

export interface SqlCondition {
  readonly sql: ReadonlyArray<string>;
  readonly params: ReadonlyArray<unknown>;
}

/** Conditions whose parameters are numbered from `$firstParam`. */
export const filterConditions = (filter: EventFilter | undefined, firstParam = 1): SqlCondition => {
  const sql: string[] = [];
  const params: unknown[] = [];
  const next = () => `$${firstParam + params.length}`;
  const prefixes = filter?.streamPrefixes;
  if (prefixes !== undefined && !prefixes.includes("")) {
    if (prefixes.length === 0) sql.push("false");
    else {
      const parts: string[] = [];
      for (const prefix of prefixes) {
        const p = next();
        params.push(prefix);
        parts.push(`substr(stream_name, 1, length(${p}::text)) = ${p}::text`);
      }
      sql.push(`(${parts.join(" OR ")})`);
    }
  }
  const types = filter?.eventTypes;
  if (types !== undefined) {
    if (types.length === 0) sql.push("false");
    else {
      const p = next();
      params.push([...types]);
      sql.push(`event_type = ANY(${p}::text[])`);
    }
  }
  return { sql, params };
};
