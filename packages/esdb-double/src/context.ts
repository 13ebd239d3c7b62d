/** State shared by the RPC handlers of one double. */
import type { EventLog } from "./log";

export interface ResolvedOptions {
  readonly batchAppend: boolean;
  readonly seedSystemEvents: boolean;
  /** Default filter search window (a real server uses 32) when the client sets no `max`. */
  readonly checkpointInterval: number;
  readonly caughtUp: boolean;
  /** Largest append accepted, in bytes of event data, metadata and type (a real server's default: 1 MiB). */
  readonly maxAppendSize: number;
}

/** Faults a test asks for; each is used up by the append it hits. */
export interface Faults {
  /** Appends still to be written and then answered as timed out (the acknowledgement lost). */
  lostAcknowledgements: number;
}

/**
 * The double's idea of the time, for deadlines: the machine's clock plus an offset a test can
 * move forward, so "the deadline has passed" needs no waiting.
 */
export interface DoubleClock {
  offsetMs: number;
}

export const clockNow = (clock: DoubleClock): number => Date.now() + clock.offsetMs;

export type RpcName = "read" | "append" | "batchAppend" | "delete" | "tombstone" | "getSupportedMethods";

/**
 * A long-lived call the double can end. Subscriptions end gracefully (on reset and stop).
 * BatchAppend streams are only ended by stop, with UNAVAILABLE like a server going away: the
 * client caches its BatchAppend stream until that stream errors, so a graceful end would leave
 * it writing into a closed stream.
 */
export interface OpenCall {
  readonly kind: "subscription" | "batchAppend";
  close(): void;
}

export interface DoubleContext {
  readonly log: EventLog;
  readonly options: ResolvedOptions;
  readonly openCalls: Set<OpenCall>;
  readonly calls: Record<RpcName, number>;
  readonly faults: Faults;
  readonly clock: DoubleClock;
}

export function emptyCallCounts(): Record<RpcName, number> {
  return { read: 0, append: 0, batchAppend: 0, delete: 0, tombstone: 0, getSupportedMethods: 0 };
}
