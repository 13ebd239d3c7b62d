/** `hexOfJoined` is the digest of the joined text, whatever the parts: surrogates, lengths, algorithms. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SHA256, SM3 } from "./hash";

/**
 * Texts with what UTF-8 encodes differently: ASCII, Chinese, astral characters, lone surrogates;
 * short ones, joined as one string, and long ones, whose joins go through the buffer.
 */
const part = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "binary", minLength: 300, maxLength: 700 }),
  fc.constantFrom("", '{"data":', "\ud83d", "\ude00", "广元", "\ud83d\ude00", "广".repeat(600)),
);

describe("hexOfJoined", () => {
  it("is hex of the joined text, for any parts (pairs split across a join included)", () => {
    fc.assert(
      fc.property(part, part, part, (head, middle, tail) => {
        expect(SHA256.hexOfJoined(head, middle, tail)).toBe(SHA256.hex(head + middle + tail));
        expect(SM3.hexOfJoined(head, middle, tail)).toBe(SM3.hex(head + middle + tail));
      }),
      { numRuns: 500 },
    );
  });

  it("is hex of the joined text for parts longer than its buffer", () => {
    const long = "隐患排查治理".repeat(20_000);
    expect(SHA256.hexOfJoined('{"data":', long, ',"id":"x"}')).toBe(SHA256.hex(`{"data":${long},"id":"x"}`));
    expect(SHA256.hexOfJoined("a", "b".repeat(1 << 17), "c")).toBe(SHA256.hex(`a${"b".repeat(1 << 17)}c`));
  });

  it("is hex of the joined text when a surrogate pair is split across the joins of long parts", () => {
    const long = "广".repeat(600);
    for (const [head, middle, tail] of [
      [`${long}\ud83d`, "\ude00", "}"],
      ["{", `\ude00${long}\ud83d`, "\ude00"],
      ["{", `${long}\ud83d`, "\ude00}"],
    ] as const) {
      expect(SHA256.hexOfJoined(head, middle, tail)).toBe(SHA256.hex(head + middle + tail));
      expect(SM3.hexOfJoined(head, middle, tail)).toBe(SM3.hex(head + middle + tail));
    }
  });

  it("reuses its buffer without leaking one call's bytes into the next", () => {
    const first = SHA256.hexOfJoined("x".repeat(1000), "广".repeat(1000), "y");
    expect(SHA256.hexOfJoined("a", "", "")).toBe(SHA256.hex("a"));
    expect(SHA256.hexOfJoined("x".repeat(1000), "广".repeat(1000), "y")).toBe(first);
  });
});
