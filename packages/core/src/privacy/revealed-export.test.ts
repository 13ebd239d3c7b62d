import * as fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import { describe, expect, it } from "vitest";
import { verifyExport } from "../audit/export";
import { ledgerEvents } from "../catalog";
import { decodeCommand } from "../kernel/aggregate";
import type { Actor } from "../kernel/envelope";
import { ACTORS } from "../supervision/testing";
import { recordRevealedExport, revealedExportAggregate, revealedExportLines } from "./revealed-export";
import { encryptedLedgerWithE1 } from "./testing";

const setup = encryptedLedgerWithE1;

const header = { exportId: "x-1", legalBasis: "court request 17", by: ACTORS.office };
const collect = async (lines: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
};

const record = (data: Record<string, unknown>) => ({
  exportId: "x-1",
  legalBasis: "court request 17",
  selection: {},
  events: 2,
  subjects: ["entity-E1/principal"],
  erasedSubjects: [],
  fileDigest: { algorithm: "sha256", hex: "a".repeat(64) },
  ...data,
});

describe("revealed exports", () => {
  it("give each encrypted event's data in clear beside its stored form, and still verify", async () => {
    const { raw, privacy, keys } = await setup();
    const { lines, tally } = revealedExportLines(raw, privacy, {}, header);
    const all = await collect(lines);
    expect(JSON.parse(all[0]!)).toMatchObject({ format: "safety-ledger-export", revealed: header });
    const registered = all.map((l) => JSON.parse(l)).find((l) => l.type === "EntityRegistered");
    expect(registered.data.principal.name).toMatchObject({ encrypted: 1, algorithm: "aes-256-gcm" });
    expect(registered.revealed.principal).toEqual({ name: "Wang Wei", phone: "13912345678" });
    // a subject per person, named by the record, the role and the event that introduced them
    const subjects = [...tally.subjects].sort();
    expect(subjects.map((s) => s.split("/").slice(0, 2).join("/"))).toEqual([
      "entity-E1/principal",
      "entity-E1/safety-manager",
    ]);
    expect(subjects.every((s) => s.split("/").length === 3)).toBe(true);
    const principal = subjects[0]!;
    expect([...tally.erasedSubjects]).toEqual([]);
    const report = await verifyExport(async function* () {
      yield* all;
    });
    expect(report.ok).toBe(true);

    // once the principal's key is destroyed, a revealed export shows the value erased
    await privacy.destroy(principal, "2031-01-02T09:00:00+08:00");
    const after = revealedExportLines(raw, privacy, {}, header);
    const text = (await collect(after.lines)).join("\n");
    expect(text).not.toContain("Wang Wei");
    expect(text).toContain('"principal":{"name":"erased","phone":"erased"}');
    expect([...after.tally.erasedSubjects]).toEqual([principal]);
    expect((await keys.lookup(principal)).status).toBe("destroyed");
  });

  it("are recorded once per id, by the office or the lead group, with no personal value", async () => {
    const { handle } = await setup();
    const run = (commandId: string, actor: Actor = ACTORS.office, data: Record<string, unknown> = {}) =>
      handle(revealedExportAggregate, {
        command: { type: "RecordRevealedExport", data: record(data) as never },
        actor,
        occurredAt: "2031-03-01T10:00:00+08:00",
        commandId,
      });
    const clerk = await run("c-0", ACTORS.department);
    expect(E.isLeft(clerk) && clerk.left._tag).toBe("PermissionDenied");
    const done = await run("c-1");
    expect(E.isRight(done) && done.right.stream).toBe("export-x-1");
    expect(E.isRight(done) && done.right.events[0]!.data).toMatchObject({
      subjects: ["entity-E1/principal"],
      on: "2031-03-01",
      by: ACTORS.office,
    });
    // a typed command is decoded first: an export id that is no stream name is refused
    const { handle: h } = await setup();
    const bad = await recordRevealedExport(h, {
      command: { type: "RecordRevealedExport", data: record({ exportId: "../x 1" }) as never },
      actor: ACTORS.office,
      occurredAt: "2031-03-01T10:00:00+08:00",
      commandId: "c-bad",
    });
    expect(E.isLeft(bad) && bad.left._tag).toBe("ValidationError");
    const again = await run("c-2");
    expect(E.isLeft(again) && again.left.code).toBe("REVEALED_EXPORT_EXISTS");
    expect(E.isLeft(again) && again.left.message).toContain("2031-03-01");
  });

  it("accepted means readable: a record the decoder and decider accept leaves events the ledger reads", async () => {
    // mostly values the decoder takes, sometimes odd ones, so both sides of the law are reached
    const mostly = <T, U>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
      fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: odd });
    const text = mostly(
      fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom("法院函 (2031) 17", " x ")),
      fc.constantFrom("", " ", "\u0000"),
    );
    const { handle, raw } = await setup();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          exportId: mostly(fc.uuid(), fc.constantFrom("a b", "", "e".repeat(65), "-x")),
          legalBasis: text,
          selection: mostly(
            fc.oneof(
              fc.constant({}),
              fc.record({ streamPrefix: fc.string({ maxLength: 8 }) }),
              fc.record({ knownAt: fc.constantFrom("2020-02-30", "2021-01-01", "") }),
            ),
            fc.constantFrom(null, "entity-", { streamPrefix: 3 }),
          ),
          events: mostly(fc.nat({ max: 1000 }), fc.constantFrom(-1, 0.5, Number.NaN)),
          subjects: fc.array(text, { maxLength: 3 }),
          erasedSubjects: fc.array(text, { maxLength: 2 }),
          fileDigest: fc.record({
            algorithm: mostly(fc.constant("sha256"), fc.constant("sm3")),
            hex: mostly(
              fc.constant("0123456789abcdef".repeat(4)),
              fc.constantFrom("A".repeat(64), "a".repeat(63), ""),
            ),
          }),
        }),
        async (data) => {
          const decoded = decodeCommand(revealedExportAggregate, "RecordRevealedExport", data);
          if (E.isLeft(decoded)) return;
          n += 1;
          const done = await handle(revealedExportAggregate, {
            command: decoded.right as never,
            actor: ACTORS.office,
            occurredAt: "2031-03-01T10:00:00+08:00",
            commandId: `p-${n}`,
          });
          if (E.isLeft(done)) return;
          for await (const stored of raw.readStream(done.right.stream))
            expect(ledgerEvents.decode(stored)).toMatchObject({ _tag: "Right" });
        },
      ),
      { numRuns: 60 },
    );
    expect(n).toBeGreaterThan(0);
  });
});
