import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { SHA256, SM3 } from "../crypto/hash";
import { createCommandHandler, readStreamEvents } from "../kernel/command-handler";
import { createLedger } from "../kernel/create-ledger";
import type { StoredEvent } from "../kernel/envelope";
import type { EventStore } from "../kernel/event-store";
import { canonicalBytes, hashAlgorithmOf, recomputeHash } from "../kernel/hash-chain";
import { readLedgerHashAlgorithm } from "../kernel/ledger-settings";
import { createMemoryStore } from "../kernel/memory-store";
import { counterAggregate } from "../kernel/testing/counter";
import { exportLines, verifyExport } from "./export";
import { proveEvent, verifyProof } from "./proof";
import { sealLedger } from "./seal";
import { verifyLedger } from "./verify-ledger";

const actor = { unit: "GY-EMB", role: "office", person: "Li" };
const occurredAt = "2020-07-01T09:00:00+08:00";

const increment = (store: EventStore, id: string, n: number, hashAlgorithm?: "sha256" | "sm3") =>
  createCommandHandler(store, hashAlgorithm === undefined ? {} : { hashAlgorithm })(counterAggregate, {
    command: { type: "Increment", data: { id, by: 1 } },
    commandId: `inc-${id}-${n}`,
    actor,
    occurredAt,
  });

const sm3Ledger = async () => {
  const store = createMemoryStore();
  expect(await createLedger(store, { hashAlgorithm: "sm3", actor, occurredAt })).toEqual(E.right("sm3"));
  for (let i = 0; i < 3; i++) for (const id of ["a", "b"]) await increment(store, id, i);
  return store;
};

const linesOf = async (store: EventStore) => {
  const lines: string[] = [];
  for await (const line of exportLines(store)) lines.push(line);
  return lines;
};

const fromLines = (lines: ReadonlyArray<string>) =>
  async function* () {
    yield* lines;
  };

describe("a ledger created with SM3", () => {
  it("records the algorithm and hashes every event with SM3, the hash naming it", async () => {
    const store = await sm3Ledger();
    expect(await readLedgerHashAlgorithm(store)).toEqual(E.right("sm3"));
    const events = await readStreamEvents(store, "counter-a");
    expect(events).toHaveLength(3);
    for (const e of events) {
      expect(hashAlgorithmOf(e.metadata.hash)).toBe("sm3");
      const { hash: _, ...metadata } = e.metadata;
      const bytes = canonicalBytes({ ...e, metadata });
      expect(e.metadata.hash).toBe(`sm3:${SM3.hex(bytes)}`);
      expect(recomputeHash(e)).toBe(e.metadata.hash);
    }
  });

  it("seals with an SM3 tree, verifies, exports with the algorithm and proves", async () => {
    const store = await sm3Ledger();
    const sealed = await sealLedger(store, { actor, occurredAt });
    expect(E.isRight(sealed) && sealed.right.hashAlgorithm).toBe("sm3");
    const report = await verifyLedger(store);
    expect(report.problems).toEqual([]);
    expect(report.seals).toBe(1);
    const lines = await linesOf(store);
    expect(JSON.parse(lines[0]!).hashAlgorithm).toBe("sm3");
    const fromFile = await verifyExport(fromLines(lines));
    expect(fromFile.problems).toEqual([]);
    expect(fromFile.hashAlgorithm).toBe("sm3");
    const proof = await proveEvent(store, "counter-b", 1);
    expect(E.isRight(proof) && verifyProof(proof.right).ok).toBe(true);
  });

  it("refuses a writer that expects the other algorithm", async () => {
    const store = await sm3Ledger();
    const outcome = await increment(store, "c", 0, "sha256");
    expect(E.isLeft(outcome) && outcome.left._tag === "DomainError" && outcome.left.code).toBe(
      "HASH_ALGORITHM_MISMATCH",
    );
    expect(await readStreamEvents(store, "counter-c")).toEqual([]);
  });

  it("cannot become SM3 once it holds SHA-256 events; an existing ledger stays SHA-256", async () => {
    const store = createMemoryStore();
    await increment(store, "a", 0);
    expect(await readLedgerHashAlgorithm(store)).toEqual(E.right("sha256"));
    const created = await createLedger(store, { hashAlgorithm: "sm3", actor, occurredAt });
    expect(E.isLeft(created) && created.left._tag === "DomainError" && created.left.code).toBe(
      "LEDGER_NOT_EMPTY",
    );
    expect(await createLedger(store, { hashAlgorithm: "sha256", actor, occurredAt })).toEqual(
      E.right("sha256"),
    );
    const [event] = await readStreamEvents(store, "counter-a");
    expect(hashAlgorithmOf(event!.metadata.hash)).toBe("sha256");
    expect(JSON.parse((await linesOf(store))[0]!).hashAlgorithm).toBe("sha256");
  });

  it("finds an event rehashed with SHA-256 in an SM3 ledger, and an export whose header lies", async () => {
    const store = await sm3Ledger();
    const lines = await linesOf(store);
    // one event rewritten as a forger using the other algorithm would write it
    const at = lines.findIndex((l) => l.includes('"stream":"counter-b"'));
    const event = JSON.parse(lines[at]!) as StoredEvent;
    const { hash: _, ...metadata } = event.metadata;
    const { stream, revision, id, type, schemaVersion, data } = event;
    const hash = SHA256.hex(canonicalBytes({ stream, revision, id, type, schemaVersion, data, metadata }));
    const rehashed = { ...event, metadata: { ...event.metadata, hash } };
    const forged = [...lines];
    forged[at] = JSON.stringify(rehashed);
    const report = await verifyExport(fromLines(forged));
    expect(report.problems.map((p) => [p.stream, p.kind])).toContainEqual(["counter-b", "wrong-algorithm"]);

    const header = JSON.parse(lines[0]!);
    const lying = [JSON.stringify({ ...header, hashAlgorithm: "sha256" }), ...lines.slice(1)];
    const kinds = (await verifyExport(fromLines(lying))).problems.map((p) => p.kind);
    expect(kinds).toContain("wrong-algorithm");
  });
});
