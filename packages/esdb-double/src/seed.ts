/**
 * System records a fresh real server already holds in `$all`, so that an adapter which forgets
 * to filter system events (`excludeSystemEvents()` or stream prefixes) sees them and fails.
 */
import type { EventLog } from "./log";

const encoder = new TextEncoder();
const json = (value: unknown) => encoder.encode(JSON.stringify(value));
const empty = new Uint8Array();

/** [stream, event type, data, content type] */
const SYSTEM_RECORDS: readonly (readonly [string, string, Uint8Array, string])[] = [
  ["$$$stats-127.0.0.1:2113", "$metadata", json({ $maxAge: 86_400 }), "application/json"],
  ["$$$scavenges", "$metadata", json({ $maxAge: 2_592_000 }), "application/json"],
  [
    "$settings",
    "$settings",
    json({ $userStreamAcl: { $r: "$all", $w: "$all" }, $systemStreamAcl: { $r: "$admins", $w: "$admins" } }),
    "application/json",
  ],
  [
    "$$$user-admin",
    "$metadata",
    json({ $acl: { $w: "$admins", $d: "$admins", $mw: "$admins" } }),
    "application/json",
  ],
  [
    "$user-admin",
    "$UserCreated",
    json({ loginName: "admin", fullName: "Event Store Administrator" }),
    "application/json",
  ],
  ["$et-$UserCreated", "$>", encoder.encode("0@$user-admin"), "application/octet-stream"],
  [
    "$stats-127.0.0.1:2113",
    "$statsCollected",
    json({ "proc-startTime": "2024-01-01T00:00:00Z" }),
    "application/json",
  ],
];

export const SEEDED_SYSTEM_EVENT_COUNT = SYSTEM_RECORDS.length;

export function seedSystemEvents(log: EventLog): void {
  for (const [streamId, type, data, contentType] of SYSTEM_RECORDS) {
    const outcome = log.append(streamId, { kind: "any" }, [
      { id: crypto.randomUUID(), type, contentType, data, metadata: empty },
    ]);
    if (!outcome.ok) throw new Error(`esdb-double: could not seed ${streamId}`);
  }
}
