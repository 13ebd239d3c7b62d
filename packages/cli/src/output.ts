/** How the CLI prints: tables for people, JSON and CSV for programs, progress only on a terminal. */
import { SingleBar } from "cli-progress";
import Table from "cli-table3";
import { stringify } from "csv-stringify/sync";

export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Is stderr a terminal (then progress bars are drawn)? */
  readonly interactive: boolean;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  interactive: process.stderr.isTTY === true,
};

/** JSON with bigint positions as decimal strings. */
export const toJson = (value: unknown, indent?: number): string =>
  JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v), indent);

export type Cell = string | number | boolean | null | undefined;

export const table = (head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<Cell>>): string => {
  const t = new Table({ head: [...head], style: { head: [], border: [] } });
  for (const row of rows) t.push(row.map((c) => (c === null || c === undefined ? "" : String(c))));
  return t.toString();
};

export const csv = (head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<Cell>>): string =>
  stringify([
    head,
    ...rows.map((r) => r.map((c) => (c === null || c === undefined ? "" : String(c)))),
  ]).trimEnd();

export interface Progress {
  tick(by?: number): void;
  total(n: number): void;
  stop(): void;
}

/** A progress bar on stderr when it is a terminal; silent otherwise. */
export const progress = (io: Io, label: string, total = 0): Progress => {
  if (!io.interactive) return { tick: () => {}, total: () => {}, stop: () => {} };
  const bar = new SingleBar({
    format: `${label} [{bar}] {value}/{total} {percentage}% {eta_formatted}`,
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(total, 0);
  return {
    tick: (by = 1) => bar.increment(by),
    total: (n) => bar.setTotal(n),
    stop: () => bar.stop(),
  };
};
