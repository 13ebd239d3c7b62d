import { validate, version } from "uuid";
import { describe, expect, it, vi } from "vitest";
import { newEventId, newId } from "./ids";

const millisOf = (id: string): number => Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);

describe("UUID v7 ids", () => {
  it("are valid version 7 UUIDs with the RFC 9562 variant", () => {
    for (let i = 0; i < 20_000; i++) {
      const id = i % 2 === 0 ? newEventId() : newId();
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
      expect("89ab").toContain(id[19]);
    }
  });

  it("carry the current Unix time in milliseconds", () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(millisOf(id)).toBeGreaterThanOrEqual(before);
    expect(millisOf(id)).toBeLessThanOrEqual(after + 1);
  });

  it("sort in the order they were made, within a millisecond too, and never repeat", () => {
    const ids = Array.from({ length: 50_000 }, newId);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keep their order when the clock steps back", () => {
    const now = vi.spyOn(Date, "now");
    try {
      now.mockReturnValue(Date.UTC(2030, 0, 1));
      const first = newId();
      now.mockReturnValue(Date.UTC(2029, 11, 31));
      const second = newId();
      expect(second > first).toBe(true);
      expect(millisOf(second)).toBe(Date.UTC(2030, 0, 1));
    } finally {
      now.mockRestore();
    }
  });

  it("differ in their random bits between two fresh milliseconds", () => {
    const now = vi.spyOn(Date, "now");
    try {
      const tails = new Set<string>();
      for (let i = 0; i < 1000; i++) {
        now.mockReturnValue(Date.UTC(2031, 0, 1) + i);
        tails.add(newId().slice(14));
      }
      expect(tails.size).toBe(1000);
    } finally {
      now.mockRestore();
    }
  });
});
