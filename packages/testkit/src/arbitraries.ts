/** fast-check arbitraries for the kernel's values. */
import type { Actor, CommandContext, Json, StoredEvent } from "@safety-ledger/core";
import * as fc from "fast-check";
import { makeEvents } from "./events";

export const actorArbitrary = (
  roles: ReadonlyArray<string> = ["lead-group", "office", "department", "enterprise", "agency"],
): fc.Arbitrary<Actor> =>
  fc.record({
    unit: fc.stringMatching(/^[A-Z]{2}-[A-Z0-9]{2,6}$/),
    role: fc.constantFrom(...roles),
    person: fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0),
  });

/** An instant between 2019-01-01 and 2023-12-31, as ISO 8601 with the +08:00 offset. */
export const instantArbitrary: fc.Arbitrary<string> = fc
  .integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2023, 11, 31) })
  .map((ms) => `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`);

export const commandContextArbitrary = (
  actor: fc.Arbitrary<Actor> = actorArbitrary(),
): fc.Arbitrary<CommandContext> => fc.record({ actor, occurredAt: instantArbitrary, commandId: fc.uuid() });

/** JSON data as events carry it (no undefined, no NaN, no -0). */
export const jsonArbitrary: fc.Arbitrary<Json> = fc
  .jsonValue({ noUnicodeString: false })
  .map((v) => JSON.parse(JSON.stringify(v)) as Json);

/**
 * A random multi-stream history, hash-chained and with positions, as a store would return it.
 * Streams are named `<category>-<n>`.
 */
export const historyArbitrary = (
  options: { readonly maxStreams?: number; readonly maxEventsPerStream?: number } = {},
): fc.Arbitrary<StoredEvent[]> =>
  fc
    .array(
      fc.record({
        category: fc.constantFrom("task", "hazard", "risk", "entity", "accident"),
        data: fc.array(jsonArbitrary, { minLength: 1, maxLength: options.maxEventsPerStream ?? 6 }),
      }),
      { minLength: 1, maxLength: options.maxStreams ?? 5 },
    )
    .map((streams) => {
      let position = 100n;
      return streams.flatMap(({ category, data }, s) => {
        const stream = `${category}-${s}`;
        return makeEvents(stream, data.length, { data: (n) => data[n] ?? null }).map((event, revision) => {
          position += 37n;
          return { ...event, stream, revision, position };
        });
      });
    });
