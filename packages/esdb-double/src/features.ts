/**
 * ServerFeatures/GetSupportedMethods. With BatchAppend on, it lists the methods the double
 * serves (the client then appends over BatchAppend); with it off, it answers UNIMPLEMENTED like
 * a pre-21.10 server, so the client falls back to Append.
 */
import { type ServerUnaryCall, type sendUnaryData, status } from "@grpc/grpc-js";
import type { DoubleContext } from "./context";
import { type ServerFeaturesPb, type SharedPb, serverFeaturesPb } from "./proto";

/** The version a real server that sends `caught_up` would report. */
export const SERVER_VERSION = "23.10.0";

const STREAMS = "event_store.client.streams.streams";
const FEATURES = "event_store.client.server_features.serverfeatures";

function method(serviceName: string, methodName: string): ServerFeaturesPb.SupportedMethod {
  const supported = new serverFeaturesPb.SupportedMethod();
  supported.setServiceName(serviceName);
  supported.setMethodName(methodName);
  return supported;
}

export function createGetSupportedMethodsHandler(
  ctx: DoubleContext,
): (
  call: ServerUnaryCall<SharedPb.Empty, ServerFeaturesPb.SupportedMethods>,
  callback: sendUnaryData<ServerFeaturesPb.SupportedMethods>,
) => void {
  return (_call, callback) => {
    ctx.calls.getSupportedMethods += 1;
    if (!ctx.options.batchAppend) {
      callback({ code: status.UNIMPLEMENTED, details: "Method not found: GetSupportedMethods" });
      return;
    }
    const methods = new serverFeaturesPb.SupportedMethods();
    methods.setEventStoreServerVersion(SERVER_VERSION);
    methods.setMethodsList([
      method(STREAMS, "read"),
      method(STREAMS, "append"),
      method(STREAMS, "batchappend"),
      method(STREAMS, "delete"),
      method(STREAMS, "tombstone"),
      method(FEATURES, "getsupportedmethods"),
    ]);
    callback(null, methods);
  };
}
