/**
 * The error encodings the client understands: gRPC statuses with `exception` trailers (Append,
 * Read, Delete, Tombstone) and `google.rpc.Status` values packed into BatchAppend replies.
 */
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { type ExpectedRevision, expectedVersionNumber } from "./expected";
import { anyPb, codePb, emptyPb, type StatusPb, sharedPb, statusPb } from "./proto";
import { streamIdentifier } from "./records";

function serviceError(code: status, details: string, trailers: Record<string, string>): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata });
}

/** FAILED_PRECONDITION with `exception=stream-deleted` and `stream-name`. */
export function streamDeletedError(streamId: string): ServiceError {
  return serviceError(status.FAILED_PRECONDITION, `Event stream '${streamId}' is deleted.`, {
    exception: "stream-deleted",
    "stream-name": streamId,
  });
}

/** FAILED_PRECONDITION with the wrong-expected-version trailers (Delete and Tombstone). */
export function wrongExpectedVersionError(
  streamId: string,
  expected: ExpectedRevision,
  currentRevision: bigint,
): ServiceError {
  const expectedVersion = expectedVersionNumber(expected);
  return serviceError(
    status.FAILED_PRECONDITION,
    `Append failed due to WrongExpectedVersion. Stream: ${streamId}, Expected version: ${expectedVersion}, Actual version: ${currentRevision}`,
    {
      exception: "wrong-expected-version",
      "stream-name": streamId,
      "expected-version": expectedVersion.toString(10),
      "actual-version": currentRevision.toString(10),
    },
  );
}

/** Append: INVALID_ARGUMENT with `exception=maximum-append-size-exceeded` and the limit. */
export function maximumAppendSizeExceededError(maxAppendSize: number): ServiceError {
  return serviceError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: "maximum-append-size-exceeded",
    "maximum-append-size": String(maxAppendSize),
  });
}

export function deadlineExceeded(details: string): ServiceError {
  return serviceError(status.DEADLINE_EXCEEDED, details, {});
}

export function cancelled(details: string): ServiceError {
  return serviceError(status.CANCELLED, details, {});
}

export function unavailable(details: string): ServiceError {
  return serviceError(status.UNAVAILABLE, details, {});
}

export function invalidArgument(details: string): ServiceError {
  return serviceError(status.INVALID_ARGUMENT, details, {});
}

function packedStatus(
  message: string,
  typeName: string,
  detail: { serializeBinary(): Uint8Array },
  code: number = codePb.Code.FAILED_PRECONDITION,
) {
  const details = new anyPb.Any();
  details.pack(detail.serializeBinary(), typeName);
  const result: StatusPb.Status = new statusPb.Status();
  result.setCode(code);
  result.setMessage(message);
  result.setDetails(details);
  return result;
}

/** BatchAppend: `event_store.client.WrongExpectedVersion` packed in an Any. */
export function wrongExpectedVersionStatus(
  expected: ExpectedRevision,
  currentRevision: bigint,
): StatusPb.Status {
  const detail = new sharedPb.WrongExpectedVersion();
  if (currentRevision >= 0n) detail.setCurrentStreamRevision(currentRevision.toString(10));
  else detail.setCurrentNoStream(new emptyPb.Empty());
  switch (expected.kind) {
    case "revision":
      detail.setExpectedStreamPosition(expected.revision.toString(10));
      break;
    case "any":
      detail.setExpectedAny(new emptyPb.Empty());
      break;
    case "stream_exists":
      detail.setExpectedStreamExists(new emptyPb.Empty());
      break;
    case "no_stream":
      detail.setExpectedNoStream(new emptyPb.Empty());
      break;
  }
  return packedStatus("Wrong expected version.", "event_store.client.WrongExpectedVersion", detail);
}

/** BatchAppend: `event_store.client.StreamDeleted` packed in an Any. */
export function streamDeletedStatus(streamId: string): StatusPb.Status {
  const detail = new sharedPb.StreamDeleted();
  detail.setStreamIdentifier(streamIdentifier(streamId));
  return packedStatus(`Event stream '${streamId}' is deleted.`, "event_store.client.StreamDeleted", detail);
}

/** Errors a cancelled or closed call may raise; the double swallows them. */
export function ignoreCallError(_error?: unknown): void {}

/** BatchAppend: `event_store.client.MaximumAppendSizeExceeded` packed in an Any. */
export function maximumAppendSizeExceededStatus(maxAppendSize: number): StatusPb.Status {
  const detail = new sharedPb.MaximumAppendSizeExceeded();
  detail.setMaxappendsize(maxAppendSize);
  return packedStatus(
    `Maximum Append Size of ${maxAppendSize} Exceeded.`,
    "event_store.client.MaximumAppendSizeExceeded",
    detail,
    codePb.Code.INVALID_ARGUMENT,
  );
}

/** BatchAppend: `event_store.client.Timeout` packed in an Any (the deadline passed). */
export function timeoutStatus(): StatusPb.Status {
  return packedStatus(
    "Operation timed out.",
    "event_store.client.Timeout",
    new sharedPb.Timeout(),
    codePb.Code.DEADLINE_EXCEEDED,
  );
}
