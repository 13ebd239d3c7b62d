/** Rendering tables for generated docs, so the docs can be tested against the code. */

const cell = (value: string): string => value.replace(/\|/g, "\\|").replace(/\n/g, " ");

// East Asian wide characters take two columns, so tables with Chinese names still line up.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const displayWidth = (text: string): number => {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
};

/** A GitHub table whose columns are padded to line up in plain text too. */
export const markdownTable = (
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
): string => {
  const body = [headers, ...rows].map((row) => row.map(cell));
  const widths = headers.map((_, i) => Math.max(3, ...body.map((row) => displayWidth(row[i] ?? ""))));
  const line = (row: ReadonlyArray<string>): string =>
    `| ${widths.map((w, i) => (row[i] ?? "") + " ".repeat(w - displayWidth(row[i] ?? ""))).join(" | ")} |`;
  const [head, ...rest] = body;
  return [line(head ?? []), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rest.map(line)].join(
    "\n",
  );
};

/** A state machine's transitions, as data, for docs and tests. */
export interface Transition {
  readonly from: string;
  readonly command: string;
  readonly to: string;
  readonly by: string;
}

export const transitionTable = (transitions: ReadonlyArray<Transition>): string =>
  markdownTable(
    ["from", "command", "to", "who may"],
    transitions.map((t) => [t.from, t.command, t.to, t.by]),
  );

export const mermaidStateDiagram = (transitions: ReadonlyArray<Transition>): string =>
  [
    "stateDiagram-v2",
    ...transitions.map((t) => `  ${t.from === "(none)" ? "[*]" : t.from} --> ${t.to}: ${t.command}`),
  ].join("\n");
