/** Rendering tables for generated docs, so the docs can be tested against the code. */

const cell = (value: string): string => value.replace(/\|/g, "\\|").replace(/\n/g, " ");

export const markdownTable = (
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
): string =>
  [
    `| ${headers.map(cell).join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");

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
