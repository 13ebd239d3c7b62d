/**
 * Streams/Delete (soft: `$metadata` `{"$tb": n}` in `$$stream`) and Streams/Tombstone (hard: a
 * `$streamDeleted` record in `$all`). Both are unary; failures are gRPC errors with trailers.
 */
import type { ServerUnaryCall, sendUnaryData } from "@grpc/grpc-js";
import type { DoubleContext } from "./context";
import { invalidArgument, streamDeletedError, wrongExpectedVersionError } from "./errors";
import { expectedFromRevisionOneof } from "./expected";
import type { WriteOutcome } from "./log";
import { type StreamsPb, streamsPb } from "./proto";
import { streamName } from "./records";

type Options = StreamsPb.DeleteReq.Options | StreamsPb.TombstoneReq.Options;

function run(
  options: Options | undefined,
  write: (streamId: string, expected: ReturnType<typeof expectedFromRevisionOneof>) => WriteOutcome,
  reply: (position: bigint | undefined) => void,
  callback: (error: Error) => void,
): void {
  if (!options) {
    callback(invalidArgument("Options are required"));
    return;
  }
  const streamId = streamName(options.getStreamIdentifier());
  const expected = expectedFromRevisionOneof(options);
  const outcome = write(streamId, expected);
  if (outcome.ok) reply(outcome.position);
  else if (outcome.error === "stream_deleted") callback(streamDeletedError(streamId));
  else callback(wrongExpectedVersionError(streamId, expected, outcome.currentRevision));
}

export function createDeleteHandler(
  ctx: DoubleContext,
): (
  call: ServerUnaryCall<StreamsPb.DeleteReq, StreamsPb.DeleteResp>,
  callback: sendUnaryData<StreamsPb.DeleteResp>,
) => void {
  return (call, callback) => {
    ctx.calls.delete += 1;
    run(
      call.request.getOptions(),
      (streamId, expected) => ctx.log.softDelete(streamId, expected),
      (at) => {
        const response = new streamsPb.DeleteResp();
        if (at === undefined) return callback(null, response);
        const position = new streamsPb.DeleteResp.Position();
        position.setCommitPosition(at.toString(10));
        position.setPreparePosition(at.toString(10));
        callback(null, response.setPosition(position));
      },
      (error) => callback(error),
    );
  };
}

export function createTombstoneHandler(
  ctx: DoubleContext,
): (
  call: ServerUnaryCall<StreamsPb.TombstoneReq, StreamsPb.TombstoneResp>,
  callback: sendUnaryData<StreamsPb.TombstoneResp>,
) => void {
  return (call, callback) => {
    ctx.calls.tombstone += 1;
    run(
      call.request.getOptions(),
      (streamId, expected) => ctx.log.tombstone(streamId, expected),
      (at) => {
        const response = new streamsPb.TombstoneResp();
        if (at === undefined) return callback(null, response);
        const position = new streamsPb.TombstoneResp.Position();
        position.setCommitPosition(at.toString(10));
        position.setPreparePosition(at.toString(10));
        callback(null, response.setPosition(position));
      },
      (error) => callback(error),
    );
  };
}
