/**
 * Streams/Read: one RPC serves readStream, readAll and both subscription kinds, told apart by
 * the request's option oneofs. This module answers the one-shot reads and hands
 * subscriptions to `subscribe.ts`.
 */
import type { ServerWritableStream } from "@grpc/grpc-js";
import { clockNow, type DoubleContext } from "./context";
import { ignoreCallError, invalidArgument, streamDeletedError } from "./errors";
import { type CompiledFilter, compileFilter } from "./filter";
import type { LoggedEvent } from "./log";
import { type StreamsPb, streamsPb } from "./proto";
import { readRespEvent, streamIdentifier, streamName } from "./records";
import { subscribe } from "./subscribe";
import type { UuidForm } from "./uuid";
import { endQuietly, fail, send } from "./wire";

export type ReadCall = ServerWritableStream<StreamsPb.ReadReq, StreamsPb.ReadResp>;

const BACKWARDS = 1;

export function createReadHandler(ctx: DoubleContext): (call: ReadCall) => void {
  return (call) => {
    ctx.calls.read += 1;
    call.on("error", ignoreCallError);
    const options = call.request.getOptions();
    if (!options || !(options.hasStream() || options.hasAll())) {
      fail(call, invalidArgument("ReadReq.Options must set stream or all"));
      return;
    }
    // resolve_links is accepted and ignored: the double stores no link events that need resolving.
    const form: UuidForm = options.getUuidOption()?.hasStructured() ? "structured" : "string";
    const filter = options.hasFilter()
      ? compileFilter(options.getFilter()!, ctx.options.checkpointInterval)
      : undefined;
    if (options.hasSubscription()) {
      subscribe(ctx, call, options, form, filter);
      return;
    }
    const count = options.hasCount() ? BigInt(options.getCount()) : -1n;
    const backwards = options.getReadDirection() === BACKWARDS;
    const selected = options.hasStream()
      ? selectFromStream(ctx, call, options.getStream()!, backwards)
      : selectFromAll(ctx, options.getAll()!, backwards, filter);
    if (selected === undefined) return;
    let sent = 0n;
    for (const event of selected) {
      if (count >= 0n && sent >= count) break;
      send(call, readRespEvent(event, form));
      sent += 1n;
    }
    endQuietly(call);
  };
}

/**
 * Reads are inclusive of their start revision in both directions. Revisions in a stream are
 * ascending, so the start is found by binary search and the events are produced lazily: a page
 * costs what it sends, not the length of the stream (as on a real server, which seeks).
 */
function selectFromStream(
  ctx: DoubleContext,
  call: ReadCall,
  options: StreamsPb.ReadReq.Options.StreamOptions,
  backwards: boolean,
): Iterable<LoggedEvent> | undefined {
  const streamId = streamName(options.getStreamIdentifier());
  const read = ctx.log.readStream(streamId, clockNow(ctx.clock));
  if (read.kind === "deleted") {
    fail(call, streamDeletedError(streamId));
    return undefined;
  }
  if (read.kind === "not_found") {
    const notFound = new streamsPb.ReadResp.StreamNotFound();
    notFound.setStreamIdentifier(streamIdentifier(streamId));
    send(call, new streamsPb.ReadResp().setStreamNotFound(notFound));
    endQuietly(call);
    return undefined;
  }
  const events = read.events;
  const last = events.at(-1)?.revision ?? -1n;
  if (!backwards) {
    const from = options.hasRevision() ? BigInt(options.getRevision()) : options.hasEnd() ? last + 1n : 0n;
    return forwardsFrom(
      events,
      firstIndex(events, (e) => e.revision >= from),
    );
  }
  const from = options.hasRevision() ? BigInt(options.getRevision()) : options.hasStart() ? 0n : last;
  return backwardsFrom(events, firstIndex(events, (e) => e.revision > from) - 1);
}

/** `$all` forwards is inclusive of its start position; backwards from a position is exclusive. */
function selectFromAll(
  ctx: DoubleContext,
  options: StreamsPb.ReadReq.Options.AllOptions,
  backwards: boolean,
  filter: CompiledFilter | undefined,
): Iterable<LoggedEvent> {
  const all = ctx.log.all;
  let selected: Iterable<LoggedEvent>;
  if (options.hasPosition()) {
    const from = BigInt(options.getPosition()!.getCommitPosition());
    const at = firstIndex(all, (event) => event.position >= from);
    selected = backwards ? backwardsFrom(all, at - 1) : forwardsFrom(all, at);
  } else if (backwards) {
    selected = options.hasStart() ? [] : backwardsFrom(all, all.length - 1);
  } else {
    selected = options.hasEnd() ? [] : forwardsFrom(all, 0);
  }
  return filter ? only(selected, filter) : selected;
}

/** The first index whose event satisfies a predicate that is false then true along the list. */
function firstIndex(events: readonly LoggedEvent[], atOrAfter: (event: LoggedEvent) => boolean): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (atOrAfter(events[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function* forwardsFrom(events: readonly LoggedEvent[], start: number): Generator<LoggedEvent> {
  for (let i = start; i < events.length; i++) yield events[i]!;
}

function* backwardsFrom(events: readonly LoggedEvent[], start: number): Generator<LoggedEvent> {
  for (let i = Math.min(start, events.length - 1); i >= 0; i--) yield events[i]!;
}

function* only(events: Iterable<LoggedEvent>, filter: CompiledFilter): Generator<LoggedEvent> {
  for (const event of events) if (filter.matches(event)) yield event;
}
