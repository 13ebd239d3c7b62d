/** The gRPC server: binds a free port on 127.0.0.1 and serves Streams and ServerFeatures. */
import { Server, ServerCredentials } from "@grpc/grpc-js";
import type { DoubleContext } from "./context";
import { createGetSupportedMethodsHandler } from "./features";
import { serverFeaturesGrpc, streamsGrpc } from "./proto";
import { createStreamsService } from "./streams-service";

export interface RunningServer {
  readonly port: number;
  stop(): Promise<void>;
}

/** How long a graceful shutdown may wait for calls a client left open before forcing it. */
const SHUTDOWN_GRACE_MS = 1_000;

export async function startServer(ctx: DoubleContext): Promise<RunningServer> {
  const server = new Server();
  server.addService(streamsGrpc.StreamsService, createStreamsService(ctx));
  server.addService(serverFeaturesGrpc.ServerFeaturesService, {
    getSupportedMethods: createGetSupportedMethodsHandler(ctx),
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
  let stopping: Promise<void> | undefined;
  return {
    port,
    stop: () => {
      stopping ??= new Promise<void>((resolve) => {
        closeOpenCalls(ctx, "all");
        const force = setTimeout(() => server.forceShutdown(), SHUTDOWN_GRACE_MS);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
      return stopping;
    },
  };
}

/** End live subscriptions (and, on stop, BatchAppend streams) and drop their listeners. */
export function closeOpenCalls(ctx: DoubleContext, which: "subscriptions" | "all"): void {
  for (const call of [...ctx.openCalls]) {
    if (which === "all" || call.kind === "subscription") {
      call.close();
      ctx.openCalls.delete(call);
    }
  }
}
