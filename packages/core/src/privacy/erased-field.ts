/**
 * The stored form of a personal value that was already erased when an event named it again: a
 * new principal registered after the former one's erasure copies the former one (`from`), whose
 * key is gone, so the event records that the value was erased instead of a value. It reads as
 * the erased text, like a value whose key was destroyed afterwards.
 */
import * as t from "io-ts";
import type { Json } from "../kernel/envelope";

export const ErasedFieldCodec = t.type({
  erased: t.literal(1),
  /** The subject whose key had been destroyed. */
  keyId: t.string,
});
export type ErasedField = t.TypeOf<typeof ErasedFieldCodec>;

export const erasedFieldOf = (subject: string): Json =>
  ErasedFieldCodec.encode({ erased: 1, keyId: subject }) as unknown as Json;

export const isErasedField = (v: Json): boolean => ErasedFieldCodec.is(v);
