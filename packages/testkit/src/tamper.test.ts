import { type ChainProblem, ChainVerifier, hashEvent, type StoredEvent } from "@safety-ledger/core";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { historyArbitrary } from "./arbitraries";

/** Verify a history as a store would return it: stream by stream, in the order given. */
const verify = (events: ReadonlyArray<StoredEvent>): ChainProblem[] => {
  const verifiers = new Map<string, ChainVerifier>();
  return events.flatMap((event) => {
    let verifier = verifiers.get(event.stream);
    if (verifier === undefined) {
      verifier = new ChainVerifier(event.stream);
      verifiers.set(event.stream, verifier);
    }
    return verifier.check(event);
  });
};

type Tampering = "change" | "delete" | "reorder" | "insert";

/** Apply one tampering to the event at index `i` (kept inside one stream, not its last event). */
const tamper = (history: StoredEvent[], i: number, kind: Tampering): StoredEvent[] => {
  const event = history[i]!;
  const out = [...history];
  switch (kind) {
    case "change":
      out[i] = { ...event, data: { tampered: true, was: event.data } };
      return out;
    case "delete":
      out.splice(i, 1);
      return out;
    case "reorder":
      out[i] = history[i + 1]!;
      out[i + 1] = event;
      return out;
    case "insert": {
      // a forger who can compute SHA-256 links a new event to the one before it
      const { hash: _h, ...metadata } = { ...event.metadata, commandId: "forged" };
      const forged = { ...event, id: "forged", data: { forged: true }, metadata: { ...metadata, hash: "" } };
      out.splice(i, 0, { ...forged, metadata: { ...metadata, hash: hashEvent({ ...forged, metadata }) } });
      return out;
    }
  }
};

describe("hash chain", () => {
  it("an intact history has no problem", () => {
    fc.assert(
      fc.property(historyArbitrary(), (history) => {
        expect(verify(history)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("any single change, deletion, reordering or insertion is reported first at the right stream and revision", () => {
    const scenario = historyArbitrary({ maxEventsPerStream: 8 })
      .filter((history) => history.some((e, i) => history[i + 1]?.stream === e.stream))
      .chain((history) => {
        const candidates = history.flatMap((e, i) => (history[i + 1]?.stream === e.stream ? [i] : []));
        return fc.record({
          history: fc.constant(history),
          index: fc.constantFrom(...candidates),
          kind: fc.constantFrom<Tampering>("change", "delete", "reorder", "insert"),
        });
      });
    fc.assert(
      fc.property(scenario, ({ history, index, kind }) => {
        const target = history[index]!;
        const problems = verify(tamper(history, index, kind));
        expect(problems.length).toBeGreaterThan(0);
        expect(problems[0]).toMatchObject({ stream: target.stream, revision: target.revision });
        const expectedKind = { change: "changed", delete: "missing", reorder: "missing", insert: "inserted" }[
          kind
        ];
        expect(problems.map((p) => p.kind)).toContain(expectedKind);
        if (kind === "reorder") expect(problems.map((p) => p.kind)).toContain("reordered");
      }),
      { numRuns: 500 },
    );
  });

  it("a changed metadata field (who did it) is detected", () => {
    fc.assert(
      fc.property(historyArbitrary(), fc.nat(), (history, n) => {
        const i = n % history.length;
        const event = history[i]!;
        const copy = [...history];
        copy[i] = {
          ...event,
          metadata: {
            ...event.metadata,
            actor: { ...event.metadata.actor, person: `${event.metadata.actor.person}!` },
          },
        };
        expect(verify(copy)[0]).toMatchObject({
          stream: event.stream,
          revision: event.revision,
          kind: "changed",
        });
      }),
    );
  });
});
