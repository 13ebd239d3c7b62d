/**
 * Catch-up subscriptions to a stream or to `$all`: `confirmation` first, then the events AFTER
 * the given revision or position, then `caught_up`, then live events as they are written.
 * Catch-up and the switch to live happen in one synchronous turn, so there is no gap and no
 * duplicate. Filtered `$all` subscriptions get a `checkpoint` every window × multiplier
 * scanned events.
 */
import { clockNow, type DoubleContext, type OpenCall } from "./context";
import { ignoreCallError, streamDeletedError } from "./errors";
import type { CompiledFilter } from "./filter";
import { type LoggedEvent, TOMBSTONE_REVISION } from "./log";
import { type StreamsPb, streamsPb } from "./proto";
import type { ReadCall } from "./read";
import { readRespEvent, streamName } from "./records";
import type { UuidForm } from "./uuid";
import { endQuietly, fail, send } from "./wire";

interface Target {
  /** Events from the log that belong to the subscription, in order, before the threshold test. */
  catchUp(): readonly LoggedEvent[];
  /** Whether a written record is past the subscription's starting point. */
  isAfterStart(event: LoggedEvent): boolean;
  /** Deliver one record; returns false when the subscription must stop. */
  deliver(event: LoggedEvent): boolean;
}

export function subscribe(
  ctx: DoubleContext,
  call: ReadCall,
  options: StreamsPb.ReadReq.Options,
  form: UuidForm,
  filter: CompiledFilter | undefined,
): void {
  if (options.hasStream()) {
    const streamId = streamName(options.getStream()!.getStreamIdentifier());
    if (ctx.log.isTombstoned(streamId)) {
      fail(call, streamDeletedError(streamId));
      return;
    }
  }
  const target = options.hasStream()
    ? streamTarget(ctx, call, options.getStream()!, form)
    : allTarget(ctx, call, options.getAll()!, form, filter);

  const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(crypto.randomUUID());
  send(call, new streamsPb.ReadResp().setConfirmation(confirmation));

  let closed = false;
  let stopListening = () => {};
  const openCall: OpenCall = {
    kind: "subscription",
    close: () => {
      finish();
      endQuietly(call);
    },
  };
  const finish = () => {
    if (closed) return;
    closed = true;
    stopListening();
    ctx.openCalls.delete(openCall);
  };
  const deliverAll = (events: readonly LoggedEvent[]) => {
    for (const event of events) {
      if (closed) return;
      if (!target.isAfterStart(event)) continue;
      if (!target.deliver(event)) {
        finish();
        return;
      }
    }
  };

  deliverAll(target.catchUp());
  if (ctx.options.caughtUp)
    send(call, new streamsPb.ReadResp().setCaughtUp(new streamsPb.ReadResp.CaughtUp()));
  if (closed) return;
  stopListening = ctx.log.listen(deliverAll);
  ctx.openCalls.add(openCall);
  call.on("cancelled", finish);
  call.on("close", finish);
  call.on("finish", finish);
  call.on("error", (error) => {
    finish();
    ignoreCallError(error);
  });
}

function streamTarget(
  ctx: DoubleContext,
  call: ReadCall,
  options: StreamsPb.ReadReq.Options.StreamOptions,
  form: UuidForm,
): Target {
  const streamId = streamName(options.getStreamIdentifier());
  const read = ctx.log.readStream(streamId, clockNow(ctx.clock));
  const visible = read.kind === "ok" ? read.events : [];
  const lastAtStart = visible.at(-1)?.revision ?? -1n;
  const after = options.hasRevision() ? BigInt(options.getRevision()) : options.hasEnd() ? lastAtStart : -1n;
  return {
    catchUp: () => visible,
    isAfterStart: (event) => event.streamId === streamId && event.revision > after,
    deliver: (event) => {
      if (event.revision === TOMBSTONE_REVISION) {
        fail(call, streamDeletedError(streamId));
        return false;
      }
      send(call, readRespEvent(event, form));
      return true;
    },
  };
}

function allTarget(
  ctx: DoubleContext,
  call: ReadCall,
  options: StreamsPb.ReadReq.Options.AllOptions,
  form: UuidForm,
  filter: CompiledFilter | undefined,
): Target {
  const after = options.hasPosition()
    ? BigInt(options.getPosition()!.getCommitPosition())
    : options.hasEnd()
      ? (ctx.log.lastPosition ?? -1n)
      : -1n;
  let scanned = 0;
  return {
    catchUp: () => [...ctx.log.all],
    isAfterStart: (event) => event.position > after,
    deliver: (event) => {
      if (!filter || filter.matches(event)) send(call, readRespEvent(event, form));
      if (filter) {
        scanned += 1;
        if (scanned % filter.checkpointEvery === 0) {
          const checkpoint = new streamsPb.ReadResp.Checkpoint();
          checkpoint.setCommitPosition(event.position.toString(10));
          checkpoint.setPreparePosition(event.position.toString(10));
          send(call, new streamsPb.ReadResp().setCheckpoint(checkpoint));
        }
      }
      return true;
    },
  };
}
