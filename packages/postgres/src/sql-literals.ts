/**
 * SQL literals, for the append path's multi-statement queries: the simple query protocol
 * takes no parameters, and one round trip for "lock; read heads" and one for "insert; notify;
 * commit" is what makes a commit cheap. Strings are quoted the way PostgreSQL (and
 * node-postgres's `escapeLiteral`) does it: quotes doubled, and with backslashes doubled in an
 * `E'…'` string, so the result means the same whatever `standard_conforming_strings` says.
 */
export const literal = (value: string): string => {
  const quoted = value.replaceAll("'", "''");
  return value.includes("\\") ? ` E'${quoted.replaceAll("\\", "\\\\")}'` : `'${quoted}'`;
};

/** An integer literal; anything else is rejected before it reaches the SQL. */
export const integer = (value: number | bigint): string => {
  if (typeof value === "bigint") return value.toString();
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not an integer`);
  return String(value);
};
