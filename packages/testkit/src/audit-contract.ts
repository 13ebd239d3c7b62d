/**
 * The audit conformance suite (issue 7): property tests over random histories on a real store.
 * A history is written through `append`, sealed with `sealLedger`, then either verified as it is
 * (an intact store never reports a problem) or tampered with once, by the store's own physical
 * means (SQL on the file, the double's log…), and verified again: the tampering must be
 * reported, at the right stream and revision, with the right kind.
 *
 * Run it from a test file of the adapter, with a `tamper` that changes the store the way an
 * administrator with access to its files could:
 *
 * ```ts
 * auditContract({ name: "SQLite", makeStore: async () => createSqliteStore({ path }), tamper });
 * ```
 */
import {
  type Actor,
  type EventStore,
  type EventToAppend,
  hashEvent,
  type Json,
  type LedgerReport,
  NO_STREAM,
  newEventId,
  SEAL_STREAM,
  type StoredEvent,
  sealLedger,
  verifyLedger,
} from "@safety-ledger/core";
import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { historyArbitrary } from "./arbitraries";
import { collect, testActor } from "./events";
import { signedSealContract } from "./signed-seal-contract";

/**
 * One tampering, described by what the store holds (`target` is the event as read back, with
 * its position). Each store carries it out physically; the expected report is the same.
 */
export type Tampering =
  /** Overwrite the target's data and metadata with `replacement`'s (its stored hash unchanged). */
  | { readonly kind: "change"; readonly target: StoredEvent; readonly replacement: StoredEvent }
  /** Remove the target (never a stream's last event: that is `truncate`). */
  | { readonly kind: "delete"; readonly target: StoredEvent }
  /** Swap the places of the target and `next` (the following revision) in the global order. */
  | { readonly kind: "reorder"; readonly target: StoredEvent; readonly next: StoredEvent }
  /**
   * Put `forged` in just before the target in the global order, claiming the target's stream
   * and revision. A forger who can compute SHA-256 links it to the event before the target.
   */
  | { readonly kind: "insert"; readonly target: StoredEvent; readonly forged: EventToAppend }
  /**
   * The same forged event put in the target's position, the target and every later event
   * moved one position up (as renumbering the table would): an innocent stream's sealed head
   * can land after the seal's position.
   */
  | { readonly kind: "insert-shifting"; readonly target: StoredEvent; readonly forged: EventToAppend }
  /** Remove every event of a stream. */
  | { readonly kind: "delete-stream"; readonly stream: string }
  /** Remove a stream's events from `fromRevision` to its end. */
  | { readonly kind: "truncate"; readonly stream: string; readonly fromRevision: number };

export type TamperingKind = Tampering["kind"];

export interface AuditContractOptions<S extends EventStore> {
  readonly name: string;
  /** A fresh, empty store (or one whose previous contents are gone). */
  readonly makeStore: () => Promise<S>;
  /**
   * Carry out one tampering on the store's physical storage; resolve with the store to verify
   * (the same one, a reopened one, or a view of the tampered contents). The contract closes
   * both `store` and the returned store.
   */
  readonly tamper: (store: S, tampering: Tampering) => Promise<EventStore>;
  /** Histories verified intact (default 15). */
  readonly intactRuns?: number;
  /** Tamperings tried per kind group (default 20). */
  readonly tamperRuns?: number;
  /** Kinds this store cannot suffer (default: none). Say why in the test file. */
  readonly skipKinds?: ReadonlyArray<TamperingKind>;
}

/** The event a forger would slip in before `target`, correctly linked to the one before it. */
export const forgeBefore = (target: StoredEvent): EventToAppend => {
  const { hash: _hash, ...metadata } = { ...target.metadata, commandId: "forged" };
  const event = {
    id: newEventId(),
    type: target.type,
    schemaVersion: target.schemaVersion,
    data: { forged: true },
  };
  const hash = hashEvent({ ...event, stream: target.stream, revision: target.revision, metadata });
  return { ...event, metadata: { ...metadata, hash } };
};

/** What a changed event looks like: its data, or who did it, or when. */
const changeOf = (target: StoredEvent, how: number): StoredEvent => {
  switch (how % 3) {
    case 0:
      return { ...target, data: { tampered: true, was: target.data } as Json };
    case 1: {
      const actor: Actor = { ...target.metadata.actor, person: `${target.metadata.actor.person}!` };
      return { ...target, metadata: { ...target.metadata, actor } };
    }
    default:
      return { ...target, metadata: { ...target.metadata, occurredAt: "2019-01-01T00:00:00+08:00" } };
  }
};

/** Write a generated history through `append`, one append a stream, and seal it. */
const writeAndSeal = async (
  store: EventStore,
  history: ReadonlyArray<StoredEvent>,
): Promise<StoredEvent[]> => {
  const byStream = new Map<string, EventToAppend[]>();
  for (const { stream, revision: _r, position: _p, ...event } of history)
    byStream.set(stream, [...(byStream.get(stream) ?? []), event]);
  for (const [stream, events] of byStream) {
    const written = await store.append(stream, events, NO_STREAM);
    if (E.isLeft(written)) throw new Error(written.left.message);
  }
  const seal = await sealLedger(store, { actor: testActor, occurredAt: "2021-01-01T00:00:00+08:00" });
  if (E.isLeft(seal)) throw new Error(seal.left.message);
  return (await collect(store.readAll())).filter((e) => e.stream !== SEAL_STREAM);
};

const problemsOf = (report: LedgerReport, stream: string) =>
  report.problems.filter((p) => p.stream === stream);

export const auditContract = <S extends EventStore>(options: AuditContractOptions<S>): void => {
  const intactRuns = options.intactRuns ?? 15;
  const tamperRuns = options.tamperRuns ?? 20;
  const skip = new Set(options.skipKinds ?? []);

  /** Write, seal, read back, tamper as `choose` says, verify; close everything. */
  const withTampering = async (
    history: ReadonlyArray<StoredEvent>,
    choose: (events: StoredEvent[]) => Tampering,
    check: (report: LedgerReport, tampering: Tampering) => void,
  ) => {
    const store = await options.makeStore();
    let tampered: EventStore | undefined;
    try {
      const events = await writeAndSeal(store, history);
      const tampering = choose(events);
      tampered = await options.tamper(store, tampering);
      check(await verifyLedger(tampered), tampering);
    } finally {
      if (tampered !== undefined && tampered !== store) await tampered.close();
      await store.close();
    }
  };

  describe(`audit conformance: ${options.name}`, () => {
    it("an intact, sealed store verifies with no problem", async () => {
      await fc.assert(
        fc.asyncProperty(historyArbitrary(), async (history) => {
          const store = await options.makeStore();
          try {
            const events = await writeAndSeal(store, history);
            expect(events.length).toBe(history.length);
            const report = await verifyLedger(store);
            expect(report.problems).toEqual([]);
            expect(report.ok).toBe(true);
            expect(report.seals).toBe(1);
            expect(report.events).toBe(history.length + 1);
          } finally {
            await store.close();
          }
        }),
        { numRuns: intactRuns },
      );
    });

    const inStream: TamperingKind[] = (
      ["change", "delete", "reorder", "insert", "insert-shifting"] as const
    ).filter((k) => !skip.has(k));
    if (inStream.length > 0)
      it(`any single ${inStream.join(", ")} inside a stream is reported first at its stream and revision`, async () => {
        // histories with at least one event followed by another of the same stream
        const scenario = historyArbitrary({ maxEventsPerStream: 6 })
          .filter((history) => history.some((e, i) => history[i + 1]?.stream === e.stream))
          .chain((history) =>
            fc.record({
              history: fc.constant(history),
              pick: fc.nat(),
              how: fc.nat(),
              kind: fc.constantFrom(...inStream),
            }),
          );
        await fc.assert(
          fc.asyncProperty(scenario, async ({ history, pick, how, kind }) => {
            await withTampering(
              history,
              (events) => {
                // an event that is not its stream's last
                const candidates = events.filter((e) =>
                  events.some((o) => o.stream === e.stream && o.revision === e.revision + 1),
                );
                const target = candidates[pick % candidates.length]!;
                const next = events.find(
                  (o) => o.stream === target.stream && o.revision === target.revision + 1,
                )!;
                switch (kind) {
                  case "change":
                    return { kind, target, replacement: changeOf(target, how) };
                  case "delete":
                    return { kind, target };
                  case "reorder":
                    return { kind, target, next };
                  case "insert":
                    return { kind, target, forged: forgeBefore(target) };
                  default:
                    return { kind: "insert-shifting", target, forged: forgeBefore(target) };
                }
              },
              (report, tampering) => {
                const target = (tampering as { target: StoredEvent }).target;
                const found = problemsOf(report, target.stream);
                expect(report.ok).toBe(false);
                expect(found[0]).toMatchObject({ stream: target.stream, revision: target.revision });
                const kinds = found.map((p) => p.kind);
                const expected = {
                  change: ["changed"],
                  delete: ["missing"],
                  reorder: ["missing", "reordered"],
                  insert: ["inserted"],
                  "insert-shifting": ["inserted"],
                }[kind as "change" | "delete" | "reorder" | "insert" | "insert-shifting"];
                expect(kinds).toEqual(expect.arrayContaining(expected));
                // nothing is blamed on a stream that was not touched
                expect(report.problems.filter((p) => p.stream !== target.stream)).toEqual([]);
              },
            );
          }),
          { numRuns: tamperRuns },
        );
      });

    const whole = (["delete-stream", "truncate"] as const).filter((k) => !skip.has(k));
    if (whole.length > 0)
      it(`a stream deleted or truncated at its tail since the seal is reported (${whole.join(", ")})`, async () => {
        await fc.assert(
          fc.asyncProperty(
            historyArbitrary({ maxStreams: 4 }),
            fc.nat(),
            fc.constantFrom(...whole),
            async (history, pick, kind) => {
              await withTampering(
                history,
                (events) => {
                  const streams = [...new Set(events.map((e) => e.stream))];
                  const stream = streams[pick % streams.length]!;
                  if (kind === "delete-stream") return { kind, stream };
                  const last = Math.max(...events.filter((e) => e.stream === stream).map((e) => e.revision));
                  return { kind: "truncate", stream, fromRevision: last };
                },
                (report, tampering) => {
                  expect(report.ok).toBe(false);
                  if (tampering.kind === "truncate" && tampering.fromRevision > 0)
                    expect(report.problems).toContainEqual(
                      expect.objectContaining({
                        stream: tampering.stream,
                        revision: tampering.fromRevision,
                        kind: "truncated",
                      }),
                    );
                  else
                    expect(report.problems).toContainEqual(
                      expect.objectContaining({
                        stream: (tampering as { stream: string }).stream,
                        kind: "stream-missing",
                      }),
                    );
                },
              );
            },
          ),
          { numRuns: tamperRuns },
        );
      });
  });

  if (!skip.has("change")) signedSealContract(options);
};

/**
 * The tampering carried out on a list of events in global order: how the memory store (which
 * has no files) is tampered with, and a reference for what each store's `tamper` must do.
 */
export const tamperEvents = (events: ReadonlyArray<StoredEvent>, tampering: Tampering): StoredEvent[] => {
  const same = (a: StoredEvent, b: StoredEvent) => a.stream === b.stream && a.revision === b.revision;
  switch (tampering.kind) {
    case "change":
      return events.map((e) => (same(e, tampering.target) ? tampering.replacement : e));
    case "delete":
      return events.filter((e) => !same(e, tampering.target));
    case "reorder": {
      const { target, next } = tampering;
      return events.map((e) =>
        same(e, target)
          ? { ...next, position: target.position }
          : same(e, next)
            ? { ...target, position: next.position }
            : e,
      );
    }
    case "insert": {
      const { target, forged } = tampering;
      // make room without moving the target or anything after it (so seals still cover what
      // they covered): every earlier event moves one position down, the forged one takes the
      // position just before the target
      return events.flatMap((e) =>
        same(e, target)
          ? [
              { ...forged, stream: target.stream, revision: target.revision, position: target.position - 1n },
              e,
            ]
          : e.position < target.position
            ? [{ ...e, position: e.position - 1n }]
            : [e],
      );
    }
    case "insert-shifting": {
      const { target, forged } = tampering;
      return events.flatMap((e) =>
        same(e, target)
          ? [
              { ...forged, stream: target.stream, revision: target.revision, position: target.position },
              { ...e, position: e.position + 1n },
            ]
          : e.position > target.position
            ? [{ ...e, position: e.position + 1n }]
            : [e],
      );
    }
    case "delete-stream":
      return events.filter((e) => e.stream !== tampering.stream);
    case "truncate":
      return events.filter((e) => e.stream !== tampering.stream || e.revision < tampering.fromRevision);
  }
};
