/** State shared by the RPC handlers of one double. */
import type { EventLog } from "./log";

export interface ResolvedOptions {
  readonly batchAppend: boolean;
  readonly seedSystemEvents: boolean;
  /** Default filter search window (a real server uses 32) when the client sets no `max`. */
  readonly checkpointInterval: number;
  readonly caughtUp: boolean;
}

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
}

export function emptyCallCounts(): Record<RpcName, number> {
  return { read: 0, append: 0, batchAppend: 0, delete: 0, tombstone: 0, getSupportedMethods: 0 };
}
