import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { createCommandHandler } from "../kernel/command-handler";
import { createMemoryStore } from "../kernel/memory-store";
import { counterAggregate } from "../kernel/testing/counter";
import { ledgerAsKnownAt } from "./as-known-at";
import { verifyStore } from "./verify";

const actor = { unit: "GY-EMB", role: "office", person: "Clerk" };

/** Three increments of one counter and one of another, recorded on 1, 2 (twice) and 3 March (+08:00). */
const history = async () => {
  const store = createMemoryStore();
  const recorded = [
    "2021-03-01T10:00:00+08:00",
    "2021-03-02T10:00:00+08:00",
    "2021-03-02T23:00:00+08:00",
    "2021-03-03T01:00:00+08:00",
  ];
  let i = 0;
  const handle = createCommandHandler(store, { clock: () => new Date(recorded[i]!) });
  for (const [n, id] of ["a", "a", "b", "a"].entries()) {
    i = n;
    const outcome = await handle(counterAggregate, {
      command: { type: "Increment", data: { id, by: 1 } },
      commandId: `c${n}`,
      actor,
      // Business time: all on 1 March, so only the record time tells them apart.
      occurredAt: "2021-03-01T09:00:00+08:00",
    });
    if (E.isLeft(outcome)) throw new Error(outcome.left.message);
  }
  return store;
};

const collect = async <T>(xs: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of xs) out.push(x);
  return out;
};

describe("ledgerAsKnownAt", () => {
  it("shows only what was recorded by the end of the date, in readAll and readStream", async () => {
    const store = await history();
    const on2 = ledgerAsKnownAt(store, "2021-03-02");
    expect((await collect(on2.readAll())).map((e) => `${e.stream}@${e.revision}`)).toEqual([
      "counter-a@0",
      "counter-a@1",
      "counter-b@0",
    ]);
    expect((await collect(on2.readStream("counter-a"))).map((e) => e.revision)).toEqual([0, 1]);
    expect(await collect(ledgerAsKnownAt(store, "2021-02-28").readAll())).toEqual([]);
    expect(await collect(ledgerAsKnownAt(store, "2021-03-03").readAll())).toHaveLength(4);
  });

  it("applies maxCount after the cut, and takes an instant as well as a date", async () => {
    const store = await history();
    const view = ledgerAsKnownAt(store, "2021-03-02T12:00:00+08:00");
    expect((await collect(view.readAll())).map((e) => e.stream)).toEqual(["counter-a", "counter-a"]);
    expect(await collect(view.readAll({ maxCount: 1 }))).toHaveLength(1);
    expect(
      (await collect(view.readStream("counter-a", { direction: "backwards", maxCount: 1 }))).map(
        (e) => e.revision,
      ),
    ).toEqual([1]);
  });

  it("is a ledger whose chains verify, and refuses writes and subscriptions", async () => {
    const store = await history();
    const view = ledgerAsKnownAt(store, "2021-03-02");
    const report = await verifyStore(view);
    expect(report.problems).toEqual([]);
    const write = await view.append("counter-x", [], "any");
    expect(E.isLeft(write) && write.left.message).toContain("read-only");
    expect(() => view.subscribeToAll()).toThrow(/history/);
    expect(() => ledgerAsKnownAt(store, "March")).toThrow(RangeError);
  });
});
