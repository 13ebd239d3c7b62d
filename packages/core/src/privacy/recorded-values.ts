/**
 * Codecs the privacy records share (revealed exports, master-key rotations, erasures; who
 * recorded one is the kernel's `ActorRefCodec`): a digest, as their events store them, and the counts and SHA-256 hex their
 * commands take. One codec each, so the events written by one record type and read by another
 * cannot drift apart.
 */
import * as t from "io-ts";

/** A digest as stored: its algorithm and its hex. */
export const StoredDigestCodec = t.type({ algorithm: t.string, hex: t.string });

/** 64 lowercase hex digits: a SHA-256, as a command gives it. */
export const Sha256Hex = t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), "Sha256Hex");

/** A whole number of things, 0 or more, as a command gives it. */
export const Count = t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0, "Count");
