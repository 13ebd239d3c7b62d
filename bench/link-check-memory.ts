/**
 * What a read's chain-link check holds while it reads: `ReadLinkCheck` (one verifier a stream,
 * as every rebuild keeps) over the whole store, then the heap it still retains after a full
 * collection, and per stream. The same read without the check beside it, as the baseline.
 *
 *   node --expose-gc --import tsx bench/link-check-memory.ts <store>
 *   store: sqlite:<path> | esdb:<connection string> | postgres:<connection string>
 * Prints one line of JSON.
 */
import { type EventStore, ReadLinkCheck, readAllInPages } from "@safety-ledger/core";
import { openStore } from "./scale-phases";

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");
const heapMb = () => process.memoryUsage().heapUsed / 2 ** 20;

/** Heap retained (MB) by what `read` returns, measured after full collections. */
const retained = async (store: EventStore, read: (store: EventStore) => Promise<unknown>) => {
  gc();
  const before = heapMb();
  const kept = await read(store);
  gc();
  const mb = heapMb() - before;
  return { kept, mb };
};

const spec = process.argv[2];
if (spec === undefined) throw new Error("usage: link-check-memory.ts <store>");
const store = await openStore(spec);
try {
  // the baseline read also counts the streams (its set is dropped before the figure is taken)
  const plain = await retained(store, async (s) => {
    const streams = new Set<string>();
    for await (const page of readAllInPages(s)) for (const event of page) streams.add(event.stream);
    return streams.size;
  });
  const streams = plain.kept as number;
  const checked = await retained(store, async (s) => {
    const links = new ReadLinkCheck(true);
    for await (const page of readAllInPages(s)) for (const event of page) links.check(event);
    if (links.problems.length > 0) throw new Error(`${links.problems.length} broken links`);
    return links;
  });
  const check = checked.mb - plain.mb;
  console.log(
    JSON.stringify({
      streams,
      readRetainedMb: Number(plain.mb.toFixed(1)),
      linkCheckRetainedMb: Number(check.toFixed(1)),
      bytesPerStream: Math.round((check * 2 ** 20) / streams),
    }),
  );
} finally {
  await store.close();
}
