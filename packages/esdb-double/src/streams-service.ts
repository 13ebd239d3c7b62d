/** The Streams service implementation: one handler per RPC, wired to the shared context. */

import { createAppendHandler, createBatchAppendHandler } from "./append";
import type { DoubleContext } from "./context";
import { createDeleteHandler, createTombstoneHandler } from "./delete";
import type { StreamsGrpcPb } from "./proto";
import { createReadHandler } from "./read";

export function createStreamsService(ctx: DoubleContext): StreamsGrpcPb.IStreamsServer {
  return {
    read: createReadHandler(ctx),
    append: createAppendHandler(ctx),
    delete: createDeleteHandler(ctx),
    tombstone: createTombstoneHandler(ctx),
    batchAppend: createBatchAppendHandler(ctx),
  };
}
