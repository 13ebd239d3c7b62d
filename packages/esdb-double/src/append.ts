/**
 * Streams/Append (client-streaming: options, then proposed messages) and Streams/BatchAppend
 * (one long-lived bidi stream; requests and replies matched by correlation id).
 *
 * Wrong expected version: Append answers in-band (`AppendResp.wrong_expected_version`, status
 * OK); BatchAppend answers with a `google.rpc.Status` packing `event_store.client.WrongExpectedVersion`.
 *
 * Server-side limits, as a real server applies them: an append larger than `maxAppendSize` is
 * refused before anything is written (Append: INVALID_ARGUMENT with
 * `exception=maximum-append-size-exceeded`; BatchAppend: a packed `MaximumAppendSizeExceeded`);
 * an append whose deadline has passed on the double's clock is not written (Append:
 * DEADLINE_EXCEEDED; BatchAppend: a packed `Timeout`, the stream stays open).
 */
import type { ServerDuplexStream, ServerReadableStream, sendUnaryData } from "@grpc/grpc-js";
import { clockNow, type DoubleContext, type OpenCall } from "./context";
import {
  cancelled,
  deadlineExceeded,
  ignoreCallError,
  invalidArgument,
  maximumAppendSizeExceededError,
  maximumAppendSizeExceededStatus,
  streamDeletedError,
  streamDeletedStatus,
  timeoutStatus,
  wrongExpectedVersionStatus,
} from "./errors";
import {
  type ExpectedRevision,
  expectedFromRevisionOneof,
  expectedFromStreamPositionOneof,
} from "./expected";
import type { ProposedEvent } from "./log";
import { emptyPb, type StreamsPb, sharedPb, streamsPb } from "./proto";
import { proposedFromWire, streamIdentifier, streamName } from "./records";
import { uuidMessage, uuidToString } from "./uuid";
import { endQuietly, fail, send } from "./wire";

type AppendCall = ServerReadableStream<StreamsPb.AppendReq, StreamsPb.AppendResp>;
type BatchAppendCall = ServerDuplexStream<StreamsPb.BatchAppendReq, StreamsPb.BatchAppendResp>;

export function createAppendHandler(
  ctx: DoubleContext,
): (call: AppendCall, callback: sendUnaryData<StreamsPb.AppendResp>) => void {
  return (call, callback) => {
    ctx.calls.append += 1;
    let options: StreamsPb.AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let size = 0;
    let answered = false;
    const answer: typeof callback = (...args) => {
      answered = true;
      callback(...args);
    };
    call.on("error", ignoreCallError);
    call.on("cancelled", () => {
      answered = true;
    });
    call.on("data", (request: StreamsPb.AppendReq) => {
      if (answered) return;
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage()) {
        const event = proposedFromWire(request.getProposedMessage()!);
        size += appendSize(event);
        // a real server refuses as soon as the running size passes the limit
        if (size > ctx.options.maxAppendSize)
          answer(maximumAppendSizeExceededError(ctx.options.maxAppendSize));
        else events.push(event);
      }
    });
    call.on("end", () => {
      if (answered) return;
      if (!options) {
        answer(invalidArgument("The first AppendReq must carry options"));
        return;
      }
      if (deadlinePassed(ctx, call.getDeadline())) {
        answer(deadlineExceeded("Deadline Exceeded"));
        return;
      }
      const streamId = streamName(options.getStreamIdentifier());
      const expected = expectedFromRevisionOneof(options);
      const outcome = ctx.log.append(streamId, expected, events);
      if (outcome.ok && takeLostAcknowledgement(ctx)) {
        answer(deadlineExceeded("Deadline Exceeded"));
        return;
      }
      if (!outcome.ok) {
        if (outcome.error === "stream_deleted") answer(streamDeletedError(streamId));
        else answer(null, appendWrongExpectedVersion(expected, outcome.currentRevision));
        return;
      }
      const success = new streamsPb.AppendResp.Success();
      if (outcome.currentRevision >= 0n) success.setCurrentRevision(outcome.currentRevision.toString(10));
      else success.setNoStream(new sharedPb.Empty());
      if (outcome.position !== undefined) {
        const position = new streamsPb.AppendResp.Position();
        position.setCommitPosition(outcome.position.toString(10));
        position.setPreparePosition(outcome.position.toString(10));
        success.setPosition(position);
      } else {
        success.setNoPosition(new sharedPb.Empty());
      }
      answer(null, new streamsPb.AppendResp().setSuccess(success));
    });
  };
}

/** What counts against the maximum append size: each event's data, metadata and type. */
function appendSize(event: ProposedEvent): number {
  return event.data.length + event.metadata.length + Buffer.byteLength(event.type);
}

function deadlinePassed(ctx: DoubleContext, deadline: Date | number | undefined): boolean {
  if (deadline === undefined) return false;
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  return Number.isFinite(at) && at <= clockNow(ctx.clock);
}

/** Whether this (written) append's acknowledgement is to be lost, using up the fault. */
function takeLostAcknowledgement(ctx: DoubleContext): boolean {
  if (ctx.faults.lostAcknowledgements <= 0) return false;
  ctx.faults.lostAcknowledgements -= 1;
  return true;
}

function appendWrongExpectedVersion(
  expected: ExpectedRevision,
  currentRevision: bigint,
): StreamsPb.AppendResp {
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (currentRevision >= 0n) wrong.setCurrentRevision(currentRevision.toString(10));
  else wrong.setCurrentNoStream(new sharedPb.Empty());
  switch (expected.kind) {
    case "revision":
      wrong.setExpectedRevision(expected.revision.toString(10));
      break;
    case "any":
      wrong.setExpectedAny(new sharedPb.Empty());
      break;
    case "stream_exists":
      wrong.setExpectedStreamExists(new sharedPb.Empty());
      break;
    case "no_stream":
      wrong.setExpectedNoStream(new sharedPb.Empty());
      break;
  }
  return new streamsPb.AppendResp().setWrongExpectedVersion(wrong);
}

interface PendingBatch {
  options: StreamsPb.BatchAppendReq.Options | undefined;
  readonly events: ProposedEvent[];
  size: number;
}

export function createBatchAppendHandler(ctx: DoubleContext): (call: BatchAppendCall) => void {
  return (call) => {
    ctx.calls.batchAppend += 1;
    const pending = new Map<string, PendingBatch>();
    const openCall: OpenCall = {
      kind: "batchAppend",
      // what a client of a real server sees when the server goes away mid-stream
      close: () => {
        finish();
        fail(call, cancelled("Server is shutting down."));
      },
    };
    ctx.openCalls.add(openCall);
    const finish = () => {
      pending.clear();
      ctx.openCalls.delete(openCall);
    };
    call.on("error", (error) => {
      finish();
      ignoreCallError(error);
    });
    call.on("cancelled", finish);
    call.on("end", () => {
      finish();
      endQuietly(call);
    });
    call.on("data", (request: StreamsPb.BatchAppendReq) => {
      const correlationId = uuidToString(request.getCorrelationId());
      let batch = pending.get(correlationId);
      if (!batch) {
        batch = { options: undefined, events: [], size: 0 };
        pending.set(correlationId, batch);
      }
      if (request.hasOptions()) batch.options = request.getOptions();
      for (const message of request.getProposedMessagesList()) {
        const event = proposedFromWire(message);
        batch.size += appendSize(event);
        batch.events.push(event);
      }
      if (!request.getIsFinal()) return;
      pending.delete(correlationId);
      send(call, completeBatch(ctx, correlationId, batch, Date.now()));
    });
  };
}

/**
 * A BatchAppend request's deadline: a Timestamp in field 6 (`deadline` in 6.2.1's definitions,
 * `deadline_21_10_0` in KurrentDB's, which both clients send), or, from newer clients, a Duration
 * in field 7 counted from when the request arrived.
 */
function batchDeadline(
  options: StreamsPb.BatchAppendReq.Options | undefined,
  receivedAt: number,
): number | undefined {
  if (options === undefined) return undefined;
  const kurrent = options as unknown as {
    getDeadline21100?: () => { toDate(): Date } | undefined;
    getDeadline(): { toDate?: () => Date; getSeconds(): number; getNanos(): number } | undefined;
  };
  if (kurrent.getDeadline21100 !== undefined) {
    const at = kurrent.getDeadline21100();
    if (at !== undefined) return at.toDate().getTime();
    const after = kurrent.getDeadline();
    return after === undefined ? undefined : receivedAt + after.getSeconds() * 1000 + after.getNanos() / 1e6;
  }
  return options.getDeadline()?.toDate().getTime();
}

function completeBatch(
  ctx: DoubleContext,
  correlationId: string,
  batch: PendingBatch,
  receivedAt: number,
): StreamsPb.BatchAppendResp {
  const response = new streamsPb.BatchAppendResp();
  response.setCorrelationId(uuidMessage(correlationId, "string"));
  const options = batch.options;
  const streamId = streamName(options?.getStreamIdentifier());
  response.setStreamIdentifier(streamIdentifier(streamId));
  const expected: ExpectedRevision = options ? expectedFromStreamPositionOneof(options) : { kind: "any" };
  switch (expected.kind) {
    case "revision":
      response.setStreamPosition(expected.revision.toString(10));
      break;
    case "any":
      response.setAny(new emptyPb.Empty());
      break;
    case "stream_exists":
      response.setStreamExists(new emptyPb.Empty());
      break;
    case "no_stream":
      response.setNoStream(new emptyPb.Empty());
      break;
  }
  if (batch.size > ctx.options.maxAppendSize) {
    return response.setError(maximumAppendSizeExceededStatus(ctx.options.maxAppendSize));
  }
  if (deadlinePassed(ctx, batchDeadline(options, receivedAt))) return response.setError(timeoutStatus());
  const outcome = ctx.log.append(streamId, expected, batch.events);
  if (outcome.ok && takeLostAcknowledgement(ctx)) return response.setError(timeoutStatus());
  if (!outcome.ok) {
    response.setError(
      outcome.error === "stream_deleted"
        ? streamDeletedStatus(streamId)
        : wrongExpectedVersionStatus(expected, outcome.currentRevision),
    );
    return response;
  }
  const success = new streamsPb.BatchAppendResp.Success();
  if (outcome.currentRevision >= 0n) success.setCurrentRevision(outcome.currentRevision.toString(10));
  else success.setNoStream(new emptyPb.Empty());
  if (outcome.position !== undefined) {
    const position = new sharedPb.AllStreamPosition();
    position.setCommitPosition(outcome.position.toString(10));
    position.setPreparePosition(outcome.position.toString(10));
    success.setPosition(position);
  } else {
    success.setNoPosition(new emptyPb.Empty());
  }
  return response.setSuccess(success);
}
