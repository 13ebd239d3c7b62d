/**
 * Loads the generated gRPC service definitions and message classes that ship inside a client
 * package, through a `require` rooted inside that package: `@eventstore/db-client` 6.2.1
 * (`generated/`) or `@kurrent/kurrentdb-client` 1.x (`generated/kurrentdb/protocols/v1/`),
 * the same v1 protocol.
 *
 * The generated serializers check `instanceof` against the client's own nested
 * `google-protobuf` (3.21.x); `Any` and `google.protobuf.Empty` must therefore come from that
 * same copy, never from a top-level `google-protobuf`.
 *
 * One process serves one package's definitions: google-protobuf's generated code registers its
 * classes in a global `proto.event_store.client.*` namespace, and the two packages' files would
 * overwrite each other's there (a KurrentDB client then fails inside `setDeadline21100`). So the
 * double loads the package of the client under test, the first time a double starts, and
 * nothing before; the bindings below are live and filled in by `loadProtocol`.
 */
import { createRequire } from "node:module";
import type * as CodePb from "@eventstore/db-client/generated/code_pb";
import type * as ServerFeaturesGrpcPb from "@eventstore/db-client/generated/serverfeatures_grpc_pb";
import type * as ServerFeaturesPb from "@eventstore/db-client/generated/serverfeatures_pb";
import type * as SharedPb from "@eventstore/db-client/generated/shared_pb";
import type * as StatusPb from "@eventstore/db-client/generated/status_pb";
import type * as StreamsGrpcPb from "@eventstore/db-client/generated/streams_grpc_pb";
import type * as StreamsPb from "@eventstore/db-client/generated/streams_pb";

/** The client package whose generated definitions the double serves. */
export type ClientPackage = "@eventstore/db-client" | "@kurrent/kurrentdb-client";

const GENERATED: Record<ClientPackage, string> = {
  "@eventstore/db-client": "./generated/",
  "@kurrent/kurrentdb-client": "./generated/kurrentdb/protocols/v1/",
};

/** `google.protobuf.Any`, typed through the generated declarations that use it. */
type AnyMessage = NonNullable<ReturnType<StatusPb.Status["getDetails"]>>;
/** `google.protobuf.Empty`, typed through the generated declarations that use it. */
type EmptyMessage = NonNullable<ReturnType<SharedPb.WrongExpectedVersion["getCurrentNoStream"]>>;

export let streamsPb: typeof StreamsPb;
export let sharedPb: typeof SharedPb;
export let statusPb: typeof StatusPb;
export let codePb: typeof CodePb;
export let serverFeaturesPb: typeof ServerFeaturesPb;
export let streamsGrpc: typeof StreamsGrpcPb;
export let serverFeaturesGrpc: typeof ServerFeaturesGrpcPb;
export let anyPb: { Any: new () => AnyMessage };
export let emptyPb: { Empty: new () => EmptyMessage };

let loaded: ClientPackage | undefined;

/** Load a client package's definitions into the bindings above; one package per process. */
export function loadProtocol(clientPackage: ClientPackage): void {
  if (loaded === clientPackage) return;
  if (loaded !== undefined)
    throw new Error(
      `esdb-double: this process serves the definitions of ${loaded}; those of ${clientPackage} would overwrite them in google-protobuf's global namespace (test each client in its own process)`,
    );
  const here = createRequire(import.meta.url);
  /** `require` as seen from inside the client package: resolves its nested google-protobuf. */
  const clientRequire = createRequire(here.resolve(`${clientPackage}/package.json`));
  const generated = (name: string) => clientRequire(`${GENERATED[clientPackage]}${name}.js`);
  streamsPb = generated("streams_pb");
  sharedPb = generated("shared_pb");
  statusPb = generated("status_pb");
  codePb = generated("code_pb");
  serverFeaturesPb = generated("serverfeatures_pb");
  streamsGrpc = generated("streams_grpc_pb");
  serverFeaturesGrpc = generated("serverfeatures_grpc_pb");
  anyPb = clientRequire("google-protobuf/google/protobuf/any_pb.js");
  emptyPb = clientRequire("google-protobuf/google/protobuf/empty_pb.js");
  loaded = clientPackage;
}

export type { CodePb, ServerFeaturesGrpcPb, ServerFeaturesPb, SharedPb, StatusPb, StreamsGrpcPb, StreamsPb };
