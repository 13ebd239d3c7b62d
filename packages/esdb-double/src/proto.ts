/**
 * Loads the generated gRPC service definitions and message classes that ship inside
 * `@eventstore/db-client`, through a `require` rooted inside that package.
 *
 * The generated serializers check `instanceof` against the client's own nested
 * `google-protobuf` (3.21.x); `Any` and `google.protobuf.Empty` must therefore come from that
 * same copy, never from a top-level `google-protobuf`.
 */
import { createRequire } from "node:module";
import type * as CodePb from "@eventstore/db-client/generated/code_pb";
import type * as ServerFeaturesGrpcPb from "@eventstore/db-client/generated/serverfeatures_grpc_pb";
import type * as ServerFeaturesPb from "@eventstore/db-client/generated/serverfeatures_pb";
import type * as SharedPb from "@eventstore/db-client/generated/shared_pb";
import type * as StatusPb from "@eventstore/db-client/generated/status_pb";
import type * as StreamsGrpcPb from "@eventstore/db-client/generated/streams_grpc_pb";
import type * as StreamsPb from "@eventstore/db-client/generated/streams_pb";

const here = createRequire(import.meta.url);
const clientPackageJson = here.resolve("@eventstore/db-client/package.json");
/** `require` as seen from inside the client package: resolves its nested google-protobuf. */
const clientRequire = createRequire(clientPackageJson);

export const streamsPb = clientRequire("./generated/streams_pb.js") as typeof StreamsPb;
export const sharedPb = clientRequire("./generated/shared_pb.js") as typeof SharedPb;
export const statusPb = clientRequire("./generated/status_pb.js") as typeof StatusPb;
export const codePb = clientRequire("./generated/code_pb.js") as typeof CodePb;
export const serverFeaturesPb = clientRequire("./generated/serverfeatures_pb.js") as typeof ServerFeaturesPb;
export const streamsGrpc = clientRequire("./generated/streams_grpc_pb.js") as typeof StreamsGrpcPb;
export const serverFeaturesGrpc = clientRequire(
  "./generated/serverfeatures_grpc_pb.js",
) as typeof ServerFeaturesGrpcPb;
/** `google.protobuf.Any`, typed through the generated declarations that use it. */
type AnyMessage = NonNullable<ReturnType<StatusPb.Status["getDetails"]>>;
/** `google.protobuf.Empty`, typed through the generated declarations that use it. */
type EmptyMessage = NonNullable<ReturnType<SharedPb.WrongExpectedVersion["getCurrentNoStream"]>>;

export const anyPb = clientRequire("google-protobuf/google/protobuf/any_pb.js") as {
  Any: new () => AnyMessage;
};
export const emptyPb = clientRequire("google-protobuf/google/protobuf/empty_pb.js") as {
  Empty: new () => EmptyMessage;
};

export type { CodePb, ServerFeaturesGrpcPb, ServerFeaturesPb, SharedPb, StatusPb, StreamsGrpcPb, StreamsPb };
