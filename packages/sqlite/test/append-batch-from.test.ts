/** `appendBatchFrom`: many streams in one transaction, pulled from an iterable while it is open. */
import { type BatchAppend, exactly, NO_STREAM, type StoredEvent } from "@safety-ledger/core";
import { collect, makeEvents } from "@safety-ledger/testkit";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStore } from "../src/index";
import { tempDir } from "./helpers";

const temp = tempDir("batch-from");
afterAll(() => temp.cleanup());

describe("appendBatchFrom", () => {
  it("writes every append of the iterable, pulled one at a time, in order", async () => {
    const store = createSqliteStore({ path: temp.file() });
    try {
      let pulled = 0;
      function* appends(): Generator<BatchAppend> {
        for (let i = 0; i < 300; i++) {
          pulled += 1;
          yield { stream: `s-${i % 7}`, expected: "any", events: makeEvents(`s-${i % 7}`, 1) };
        }
      }
      const written = await store.appendBatchFrom(appends());
      expect(written).toEqual(E.right({ appends: 300, events: 300 }));
      expect(pulled).toBe(300);
      const all = await collect(store.readAll());
      expect(all.map((e) => e.stream)).toEqual(Array.from({ length: 300 }, (_, i) => `s-${i % 7}`));
      expect((await collect(store.readStream("s-0"))).map((e: StoredEvent) => e.revision)).toEqual(
        Array.from({ length: 43 }, (_, i) => i),
      );
    } finally {
      await store.close();
    }
  });

  it("a wrong expected version anywhere in the iterable writes none of it", async () => {
    const store = createSqliteStore({ path: temp.file() });
    try {
      await store.append("taken", makeEvents("taken", 1), NO_STREAM);
      const batch: BatchAppend[] = [
        { stream: "fresh-1", expected: NO_STREAM, events: makeEvents("fresh-1", 2) },
        { stream: "taken", expected: NO_STREAM, events: makeEvents("taken", 1) },
        { stream: "fresh-2", expected: NO_STREAM, events: makeEvents("fresh-2", 1) },
      ];
      const written = await store.appendBatchFrom(batch);
      expect(E.isLeft(written) && written.left).toMatchObject({
        _tag: "WrongExpectedVersion",
        stream: "taken",
        actual: 0,
      });
      expect((await collect(store.readAll())).map((e) => e.stream)).toEqual(["taken"]);
      // The same batch with the right expectation goes in whole.
      const right = batch.map((b) => (b.stream === "taken" ? { ...b, expected: exactly(0) } : b));
      expect(E.isRight(await store.appendBatchFrom(right))).toBe(true);
      expect(await collect(store.readAll())).toHaveLength(5);
    } finally {
      await store.close();
    }
  });

  it("an iterable that throws midway writes none of it", async () => {
    const store = createSqliteStore({ path: temp.file() });
    try {
      function* failing(): Generator<BatchAppend> {
        yield { stream: "a", expected: NO_STREAM, events: makeEvents("a", 1) };
        throw new Error("the spool file is unreadable");
      }
      const written = await store.appendBatchFrom(failing());
      expect(E.isLeft(written) && written.left.message).toContain("the spool file is unreadable");
      expect(await collect(store.readAll())).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
