/**
 * The audit conformance suite on EventStoreDB, over the real client and the real wire, against
 * the in-repo double. A tampering rewrites the double's log directly (`double.tamper`), as
 * someone with the database files could; the adapter then reads the tampered log over gRPC.
 *
 * This cannot run against a real server: nobody can edit a real server's log through its API,
 * which is the point. It runs on the double only.
 */
import type { EventToAppend, StoredEvent } from "@safety-ledger/core";
import { type EsdbDouble, type LoggedEvent, startEsdbDouble } from "@safety-ledger/esdb-double";
import { auditContract, type Tampering } from "@safety-ledger/testkit";
import { afterAll, beforeAll } from "vitest";
import { createEventStoreDbStore, type EventStoreDbStore, toEventData } from "../../src/index";
import type { ClientPackage } from "../targets";

const encoder = new TextEncoder();
const json = (value: unknown) => encoder.encode(JSON.stringify(value));
const is = (record: LoggedEvent, event: StoredEvent) =>
  record.streamId === event.stream && record.revision === BigInt(event.revision);
/** The bytes the adapter writes for an event's data and metadata. */
const bytesOf = (event: EventToAppend) => {
  const layout = toEventData(event);
  return { data: json(layout.data), metadata: json(layout.metadata) };
};

const tamperLog = (records: LoggedEvent[], tampering: Tampering): LoggedEvent[] => {
  switch (tampering.kind) {
    case "change":
      return records.map((r) => (is(r, tampering.target) ? { ...r, ...bytesOf(tampering.replacement) } : r));
    case "delete":
      return records.filter((r) => !is(r, tampering.target));
    case "reorder": {
      const { target, next } = tampering;
      return records.map((r) =>
        is(r, target)
          ? { ...r, position: next.position }
          : is(r, next)
            ? { ...r, position: target.position }
            : r,
      );
    }
    case "insert": {
      const { target, forged } = tampering;
      const original = records.find((r) => is(r, target))!;
      // positions in the log are byte offsets with gaps: the one just before the target is free
      const record: LoggedEvent = {
        ...original,
        id: forged.id,
        type: forged.type,
        ...bytesOf(forged),
        position: original.position - 1n,
      };
      return [...records, record];
    }
    case "insert-shifting": {
      const { target, forged } = tampering;
      const original = records.find((r) => is(r, target))!;
      const record: LoggedEvent = { ...original, id: forged.id, type: forged.type, ...bytesOf(forged) };
      return [
        ...records.map((r) => (r.position >= original.position ? { ...r, position: r.position + 1n } : r)),
        record,
      ];
    }
    case "delete-stream":
      return records.filter((r) => r.streamId !== tampering.stream);
    case "truncate":
      return records.filter(
        (r) => r.streamId !== tampering.stream || r.revision < BigInt(tampering.fromRevision),
      );
  }
};

export const auditContractSuite = (client: ClientPackage): void => {
  let double: EsdbDouble;
  beforeAll(async () => {
    double = await startEsdbDouble({ client });
  });
  afterAll(() => double.stop());

  auditContract<EventStoreDbStore>({
    name: `EventStoreDB (wire double, ${client})`,
    makeStore: async () => {
      double.reset();
      return createEventStoreDbStore({ connectionString: double.url });
    },
    tamper: async (store, tampering) => {
      double.tamper((records) => tamperLog(records, tampering));
      return store;
    },
  });
};
