import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { describe, expect, it } from "vitest";
import { defineEvent, EventRegistry } from "./codec-registry";
import type { Json, StoredEvent } from "./envelope";
import { HazardFound, KERNEL_GOLDEN } from "./testing/hazard-found";

const registry = EventRegistry.of(HazardFound);
const golden = KERNEL_GOLDEN;

const stored = (type: string, schemaVersion: number, data: Json): StoredEvent => ({
  stream: "hazard-H-1",
  revision: 4,
  position: 10n,
  id: "e",
  type,
  schemaVersion,
  data,
  metadata: {} as StoredEvent["metadata"],
});

describe("codec registry", () => {
  it("every golden file of every version decodes to the current event", () => {
    const files = readdirSync(golden).filter((f) => f.startsWith("HazardFound."));
    expect(files).toHaveLength(3);
    for (const file of files) {
      const { type, schemaVersion, data } = JSON.parse(readFileSync(join(golden, file), "utf8"));
      expect(registry.decode(stored(type, schemaVersion, data))).toEqual(
        E.right({ type: "HazardFound", data: { id: "H-1", description: "blocked exit", grade: "major" } }),
      );
    }
  });

  it("encodes at the current schema version", () => {
    const encoded = registry.encode({
      type: "HazardFound",
      data: { id: "x", description: "d", grade: "general" },
    });
    expect(encoded.schemaVersion).toBe(3);
  });

  it("an event that fits no codec names stream, revision and field", () => {
    const result = registry.decode(stored("HazardFound", 3, { id: "H-1", description: 7, grade: "minor" }));
    expect(E.isLeft(result)).toBe(true);
    if (E.isLeft(result)) {
      expect(result.left).toMatchObject({ code: "UNDECODABLE_EVENT", stream: "hazard-H-1", revision: 4 });
      expect(result.left.issues.map((i) => i.path).sort()).toEqual(["data.description", "data.grade"]);
    }
  });

  it("unknown types and versions from the future are clear errors", () => {
    const unknownType = registry.decode(stored("Nope", 1, {}));
    expect(E.isLeft(unknownType) && unknownType.left.issues[0]?.message).toContain("unknown event type Nope");
    const future = registry.decode(stored("HazardFound", 4, {}));
    expect(E.isLeft(future) && future.left.issues[0]?.message).toContain(
      "version 4 of HazardFound is unknown",
    );
  });

  it("asCurrent gives the decoded event for current data, and nothing (decode's turn) for old, invalid or unknown", () => {
    const current = stored("HazardFound", 3, { id: "H-1", description: "blocked exit", grade: "major" });
    const event = registry.asCurrent(current);
    expect(event).toEqual({ type: "HazardFound", data: current.data });
    expect(E.right(event)).toEqual(registry.decode(current));
    for (const file of readdirSync(golden).filter((f) => f.startsWith("HazardFound."))) {
      const { type, schemaVersion, data } = JSON.parse(readFileSync(join(golden, file), "utf8"));
      if (schemaVersion !== 3) expect(registry.asCurrent(stored(type, schemaVersion, data))).toBeUndefined();
    }
    expect(registry.asCurrent(stored("HazardFound", 3, { id: "H-1", description: 7, grade: "minor" }))).toBe(
      undefined,
    );
    expect(registry.asCurrent(stored("Nope", 1, {}))).toBeUndefined();
  });

  it("refuses a definition whose upcasters do not cover every older version", () => {
    expect(() => defineEvent("X", t.unknown, { schemaVersion: 2 })).toThrow(/needs 1 upcasters/);
  });
});
