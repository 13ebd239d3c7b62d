import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CommandIdFingerprints } from "./command-ids";

describe("command id fingerprints", () => {
  it("never forget an id they were given, and count distinct fingerprints like a set", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.uuid(), fc.string()), { maxLength: 300 }),
        fc.string(),
        (ids, probe) => {
          const fingerprints = new CommandIdFingerprints();
          const model = new Set<number>();
          for (const id of ids) {
            fingerprints.add(CommandIdFingerprints.of(id));
            model.add(CommandIdFingerprints.of(id));
          }
          for (const id of ids) expect(fingerprints.mightHave(CommandIdFingerprints.of(id))).toBe(true);
          expect(fingerprints.size).toBe(model.size);
          const p = CommandIdFingerprints.of(probe);
          expect(fingerprints.mightHave(p)).toBe(model.has(p));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("are never 0 (the empty slot) and differ for ids that differ in one character", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const fingerprint = CommandIdFingerprints.of(
        `01a2259f-4312-7792-8e04-${i.toString(16).padStart(12, "0")}`,
      );
      expect(fingerprint).not.toBe(0);
      seen.add(fingerprint);
    }
    expect(seen.size).toBe(10_000);
  });
});
