/**
 * The import's dry run keeps its appends in a spool file, not memory: reads of a stream it
 * appended to see the ledger's events and then its own, read back from the spool.
 */
import {
  chainEvents,
  createMemoryStore,
  type EventToAppend,
  exactly,
  GENESIS_HASH,
  NO_STREAM,
  type StoredEvent,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { afterEach, describe, expect, it } from "vitest";
import { overlayStore } from "../src/import/overlay-store";
import { Spool } from "../src/import/spool";

const events = (stream: string, first: number, previousHash: string, texts: string[]): EventToAppend[] =>
  chainEvents(
    stream,
    first,
    previousHash,
    texts.map((text) => ({
      id: `${stream}-${first}-${text.slice(0, 8)}`,
      type: "Noted",
      schemaVersion: 1,
      data: { text },
      metadata: {
        actor: { unit: "GY-EMB", role: "office", person: "王芳" },
        commandId: `c-${stream}-${first}`,
        commandType: "Note",
        correlationId: "x",
        causationId: "x",
        occurredAt: "2020-07-14T09:00:00+08:00",
        recordedAt: "2020-07-14T01:00:00.000Z",
        rulesVersion: "test",
      },
    })),
  );

const collect = async (iterable: AsyncIterable<StoredEvent>) => {
  const out: StoredEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
};
const view = (list: StoredEvent[]) => list.map((e) => [e.revision, (e.data as { text: string }).text]);

const spools: Spool[] = [];
afterEach(() => {
  for (const s of spools.splice(0)) s.dispose();
});
const newSpool = () => {
  const spool = new Spool();
  spools.push(spool);
  return spool;
};

describe("the import's dry-run store", () => {
  it("a stream's reads give the ledger's events, then the dry run's read back from the spool", async () => {
    const ledger = createMemoryStore();
    const inLedger = events("s", 0, GENESIS_HASH, ["one", "two"]);
    await ledger.append("s", inLedger, NO_STREAM);
    const spool = newSpool();
    const overlay = overlayStore(ledger, spool);
    const mine = events("s", 2, inLedger[1]!.metadata.hash, ["three 三", "four 四"]);
    expect(E.isRight(await overlay.append("s", mine, exactly(1)))).toBe(true);
    const more = events("s", 4, mine[1]!.metadata.hash, ["five"]);
    expect(E.isRight(await overlay.append("s", more, exactly(3)))).toBe(true);
    // A wrong expectation is refused, as a store would.
    expect(E.isLeft(await overlay.append("s", more, exactly(3)))).toBe(true);

    const all = [
      [0, "one"],
      [1, "two"],
      [2, "three 三"],
      [3, "four 四"],
      [4, "five"],
    ];
    expect(view(await collect(overlay.readStream("s")))).toEqual(all);
    expect(view(await collect(overlay.readStream("s", { fromRevision: 1, maxCount: 3 })))).toEqual(
      all.slice(1, 4),
    );
    expect(view(await collect(overlay.readStream("s", { fromRevision: 3 })))).toEqual(all.slice(3));
    expect(await collect(overlay.readStream("s", { fromRevision: 5 }))).toEqual([]);
    expect(view(await collect(overlay.readStream("s", { direction: "backwards", maxCount: 2 })))).toEqual([
      [4, "five"],
      [3, "four 四"],
    ]);
    // The events read back are the ones appended, hashes and all.
    expect((await collect(overlay.readStream("s", { fromRevision: 2 }))).map((e) => e.metadata.hash)).toEqual(
      [...mine, ...more].map((e) => e.metadata.hash),
    );
    // The ledger itself is untouched; the spool holds the batch to write, each append expected
    // where the dry run found the stream.
    expect(await collect(ledger.readStream("s"))).toHaveLength(2);
    expect([...spool.appendsInOrder()].map((a) => [a.stream, a.expected, a.events.length])).toEqual([
      ["s", { revision: 1 }, 2],
      ["s", { revision: 3 }, 1],
    ]);
  });

  it("the spool gives back megabytes of appends, multi-byte text across its read chunks, in order", async () => {
    const spool = newSpool();
    const overlay = overlayStore(createMemoryStore(), spool);
    const text = "安全生产专项整治三年行动".repeat(20);
    let previous = GENESIS_HASH;
    const written: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const [event] = events("long", i, previous, [`${i} ${text}`]);
      previous = event!.metadata.hash;
      written.push(event!.metadata.hash);
      expect(E.isRight(await overlay.append("long", [event!], i === 0 ? NO_STREAM : exactly(i - 1)))).toBe(
        true,
      );
    }
    const back = [...spool.appendsInOrder()];
    expect(back.map((a) => a.events[0]!.metadata.hash)).toEqual(written);
    expect(back.every((a, i) => (a.events[0]!.data as { text: string }).text === `${i} ${text}`)).toBe(true);
    expect((await collect(overlay.readStream("long", { fromRevision: 2_999 })))[0]!.metadata.hash).toBe(
      written[2_999],
    );
  });
});
