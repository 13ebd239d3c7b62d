/** `history STREAM`: a stream's events as the ledger holds them, optionally as of a date. */
import { ChainVerifier, type EventStore, inSlice, type TimeSlice } from "@safety-ledger/core";
import { noteBrokenLinks } from "../broken-links";
import { CheckFailed } from "../errors";
import { type Io, table, toJson } from "../output";

export const history = async (
  store: EventStore,
  stream: string,
  slice: TimeSlice,
  io: Io,
  json: boolean,
): Promise<number> => {
  const keep = inSlice(slice);
  const rows: unknown[][] = [];
  const events: unknown[] = [];
  let found = 0;
  const chain = new ChainVerifier(stream);
  for await (const event of store.readStream(stream)) {
    found += 1;
    noteBrokenLinks(store, chain.check(event));
    if (!keep(event)) continue;
    if (json) events.push(event);
    else
      rows.push([
        event.revision,
        event.type,
        event.metadata.occurredAt,
        event.metadata.recordedAt,
        `${event.metadata.actor.person} (${event.metadata.actor.unit}, ${event.metadata.actor.role})`,
        JSON.stringify(event.data).slice(0, 80),
      ]);
  }
  if (found === 0) throw new CheckFailed(`Stream ${stream} has no events.`);
  if (json) io.out(toJson(events));
  else io.out(table(["rev", "type", "occurred", "recorded", "actor", "data"], rows as never));
  return 0;
};
