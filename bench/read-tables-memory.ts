/**
 * Where the memory of a SQLite read tables' rebuild goes: rebuilds the tables of a history file
 * (in place: the tables are dropped and built again, the events are left as they are) and prints,
 * every BENCH_SAMPLE_EVENTS events (default 50,000), one line of JSON with `process.memoryUsage()`
 * (heap used and reserved, external and array buffers, RSS) and the peak RSS so far, in MB. The
 * figures of heap against RSS tell the JavaScript side from SQLite's and Node's own.
 *
 *   node --expose-gc --import tsx bench/read-tables-memory.ts <copy of a history file>
 *   BENCH_HEAP_SNAPSHOT_AT=600000 …   also writes a heap snapshot once that many events are applied
 *   BENCH_SAMPLE_GC=1 …               collects the garbage before each sample (heap used: what is live)
 *   BENCH_ALLOC_PROFILE=400000:450000 … between those event counts, samples every allocation (also
 *                                       what the garbage collector frees since) by the function that
 *                                       allocated it, and prints the functions that allocated most
 */
import { Session } from "node:inspector/promises";
import { writeHeapSnapshot } from "node:v8";
import { createSqliteStore } from "@safety-ledger/sqlite";
import { peakRssMb } from "./scale-phases";

const path = process.argv[2];
if (path === undefined) throw new Error("usage: read-tables-memory.ts <history file>");
const every = Number(process.env.BENCH_SAMPLE_EVENTS ?? 50_000);
const snapshotAt = Number(process.env.BENCH_HEAP_SNAPSHOT_AT ?? Number.POSITIVE_INFINITY);

const collect = process.env.BENCH_SAMPLE_GC === "1";
const [profileFrom, profileTo] = (process.env.BENCH_ALLOC_PROFILE ?? "-1:-1").split(":").map(Number) as [
  number,
  number,
];

interface ProfileNode {
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
    readonly columnNumber: number;
  };
  readonly selfSize: number;
  readonly children: ReadonlyArray<ProfileNode>;
}
const session = new Session();
session.connect();
/** The allocation sampling's functions by bytes allocated (self), the 25 largest. */
const allocationTop = (root: ProfileNode) => {
  const bytes = new Map<string, number>();
  const frame = ({ functionName, url, lineNumber, columnNumber }: ProfileNode["callFrame"]) =>
    `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber + 1}:${columnNumber + 1}`;
  // keyed by the allocating function and the three calls above it
  const walk = (node: ProfileNode, stack: ReadonlyArray<string>) => {
    const here = [frame(node.callFrame), ...stack].slice(0, 4);
    const key = here.join(" < ");
    bytes.set(key, (bytes.get(key) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, here);
  };
  walk(root, []);
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  return {
    totalMb: mb(total),
    top: [...bytes]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([fn, n]) => ({ fn, mb: mb(n) })),
  };
};

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const sample = (events: number) => {
  if (collect) globalThis.gc?.();
  const m = process.memoryUsage();
  console.log(
    JSON.stringify({
      events,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      heapUsedMb: mb(m.heapUsed),
      heapTotalMb: mb(m.heapTotal),
      externalMb: mb(m.external),
      arrayBuffersMb: mb(m.arrayBuffers),
      rssMb: mb(m.rss),
      peakRssMb: peakRssMb(),
    }),
  );
};

const store = createSqliteStore({ path, create: false });
let events = 0;
let snapshot = false;
const t0 = performance.now();
let profiling: Promise<unknown> | undefined;
await store.readTables.rebuild({
  onEvent: () => {
    events += 1;
    if (events === profileFrom) {
      profiling = session.post("HeapProfiler.enable").then(() =>
        session.post("HeapProfiler.startSampling", {
          samplingInterval: 32_768,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        }),
      );
    }
    if (events === profileTo && profiling !== undefined) {
      const started = profiling;
      profiling = started
        .then(() => session.post("HeapProfiler.stopSampling"))
        .then(({ profile }) => console.log(JSON.stringify(allocationTop(profile.head as ProfileNode))));
    }
    if (events % every === 0) sample(events);
    if (!snapshot && events >= snapshotAt) {
      snapshot = true;
      console.log(JSON.stringify({ heapSnapshot: writeHeapSnapshot(undefined) }));
    }
  },
});
sample(events);
await profiling;
await store.close();
