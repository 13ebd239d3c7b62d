/**
 * What a V8 heap snapshot (`.heapsnapshot`, e.g. from `BENCH_HEAP_SNAPSHOT_AT` of
 * bench/read-tables-memory.ts) holds: its total self size, and the kinds of node that hold most
 * of it, by type and name (strings and numbers each counted as one kind), with their counts.
 * Many hidden classes (`object shape system / Map`) and descriptor arrays, about one per object
 * of some kind, mean objects that do not share a shape.
 *
 *   node --max-old-space-size=4000 --import tsx bench/heap-snapshot-top.ts <file> [count, default 20]
 */
import { readFileSync } from "node:fs";

interface Snapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: string[]; readonly node_types: [string[]] } };
  readonly nodes: number[];
  readonly strings: string[];
}

const [file, count = "20"] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: heap-snapshot-top.ts <file.heapsnapshot> [count]");
const { snapshot, nodes, strings } = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
const fields = snapshot.meta.node_fields;
const types = snapshot.meta.node_types[0];
const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f)) as [
  number,
  number,
  number,
];
const ANONYMOUS: Readonly<Record<string, string>> = {
  string: "(string)",
  "concatenated string": "(string)",
  "sliced string": "(string)",
  number: "(number)",
};

const kinds = new Map<string, { bytes: number; nodes: number }>();
let total = 0;
for (let i = 0; i < nodes.length; i += fields.length) {
  const type = types[nodes[i + typeAt]!]!;
  const kind = `${type} ${ANONYMOUS[type] ?? strings[nodes[i + nameAt]!]!.slice(0, 60)}`;
  const bytes = nodes[i + sizeAt]!;
  total += bytes;
  const seen = kinds.get(kind) ?? { bytes: 0, nodes: 0 };
  kinds.set(kind, { bytes: seen.bytes + bytes, nodes: seen.nodes + 1 });
}
const mb = (bytes: number) => (bytes / 1048576).toFixed(2);
console.log(`total ${mb(total)} MB`);
for (const [kind, { bytes, nodes: n }] of [...kinds]
  .sort((a, b) => b[1].bytes - a[1].bytes)
  .slice(0, Number(count)))
  console.log(`${mb(bytes).padStart(8)} MB ${String(n).padStart(9)}  ${kind}`);
