/** `history STREAM`: a stream's events as the ledger holds them, optionally as of a date. */
import {
  ChainVerifier,
  closedWindowOf,
  type EventStore,
  inSlice,
  ledgerEvents,
  type TimeSlice,
  type WindowFacts,
  windowFactsAfter,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { noteBrokenLinks } from "../broken-links";
import { check } from "../cli-error-texts";
import { headsIn, type Lang } from "../messages";
import { type Io, table, toJson } from "../output";
import { RESULT_TEXTS } from "../result-texts";

export const history = async (
  store: EventStore,
  stream: string,
  slice: TimeSlice,
  io: Io,
  json: boolean,
  lang: Lang = "en",
): Promise<number> => {
  const keep = inSlice(slice);
  const rows: unknown[][] = [];
  const events: unknown[] = [];
  let found = 0;
  let facts: WindowFacts = {};
  const chain = new ChainVerifier(stream);
  for await (const event of store.readStream(stream)) {
    found += 1;
    noteBrokenLinks(store, chain.check(event));
    const decoded = ledgerEvents.decode(event);
    const closed = E.isRight(decoded) ? closedWindowOf(facts, decoded.right, event) : undefined;
    if (E.isRight(decoded)) facts = windowFactsAfter(facts, decoded.right, event);
    if (!keep(event)) continue;
    const note = closed === undefined ? "" : RESULT_TEXTS[lang].history.afterWindow(closed.lastDay);
    if (json) events.push(closed === undefined ? event : { ...event, closedWindow: closed });
    else
      rows.push([
        event.revision,
        event.type,
        event.metadata.occurredAt,
        event.metadata.recordedAt,
        `${event.metadata.actor.person} (${event.metadata.actor.unit}, ${event.metadata.actor.role})`,
        JSON.stringify(event.data).slice(0, 80),
        note,
      ]);
  }
  if (found === 0) throw check("STREAM_HAS_NO_EVENTS", { stream });
  if (json) io.out(toJson(events));
  else
    io.out(
      table(headsIn(lang, ["rev", "type", "occurred", "recorded", "actor", "data", "note"]), rows as never),
    );
  return 0;
};
