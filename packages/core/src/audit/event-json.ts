/**
 * A stored event as JSON and back: the envelope as it is, its position (a bigint) as a
 * decimal string. Exports and proofs are written and read this way.
 */
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { EventMetadataCodec, type Json, type StoredEvent } from "../kernel/envelope";
import { issuesOf } from "../kernel/io";

const StoredEventJsonCodec = t.type({
  stream: t.string,
  revision: t.number,
  position: t.string,
  id: t.string,
  type: t.string,
  schemaVersion: t.number,
  data: t.unknown,
  metadata: EventMetadataCodec,
});

/** A stored event as a JSON value. */
export type StoredEventJson = Omit<StoredEvent, "position"> & { readonly position: string };

export const storedEventToJson = (event: StoredEvent): StoredEventJson => ({
  ...event,
  position: event.position.toString(),
});

/** The event, or what is wrong with the value (`path: message; …`). */
export const storedEventFromJson = (json: unknown): E.Either<string, StoredEvent> => {
  const decoded = StoredEventJsonCodec.decode(json);
  if (E.isLeft(decoded))
    return E.left(
      issuesOf(decoded.left)
        .map((i) => `${i.path}: ${i.message}`)
        .join("; "),
    );
  if (!/^\d+$/.test(decoded.right.position)) return E.left("position: must be a decimal integer");
  return E.right({
    ...decoded.right,
    data: decoded.right.data as Json,
    position: BigInt(decoded.right.position),
  });
};
