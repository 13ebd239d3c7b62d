/** Small helpers for writing to server-streaming calls that a client may cancel at any time. */
import type { ServerDuplexStream, ServerWritableStream } from "@grpc/grpc-js";

type WritableCall<Req, Res> = ServerWritableStream<Req, Res> | ServerDuplexStream<Req, Res>;

export function isOpen<Req, Res>(call: WritableCall<Req, Res>): boolean {
  return !call.cancelled && !call.writableEnded && !call.destroyed;
}

/** Write unless the call is cancelled or ended; returns whether the message was written. */
export function send<Req, Res>(call: WritableCall<Req, Res>, message: Res): boolean {
  if (!isOpen(call)) return false;
  call.write(message);
  return true;
}

export function endQuietly<Req, Res>(call: WritableCall<Req, Res>): void {
  if (isOpen(call)) call.end();
}

/** Fail a server-streaming call with a gRPC status (grpc-js turns an emitted error into one). */
export function fail<Req, Res>(call: WritableCall<Req, Res>, error: Error): void {
  if (isOpen(call)) call.emit("error", error);
}
