/**
 * `ClientPort` on `@eventstore/db-client` 6.x: the only file that imports the client (loaded
 * only when a store asks for it, lazy-port.ts says why).
 *
 * One gap of 6.2.1 is bridged here: its `readAll` always sends `no_filter`, although the server
 * filters reads of `$all` as well as subscriptions. `filteredReadAll` sends the same `ReadReq`
 * the client would, plus the filter, through the client's own channel (so reconnection,
 * credentials and `dispose()` still apply). `@kurrent/kurrentdb-client` 1.x takes `filter` in
 * `readAll` (kurrent-client.ts).
 */
import {
  ANY,
  BACKWARDS,
  convertToCommandError,
  END,
  EventStoreDBClient as EsdbClient,
  type EventStoreDBClient,
  eventTypeFilter,
  type Filter,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  type Position,
  type ResolvedEvent,
  START,
  STREAM_EXISTS,
  streamNameFilter,
} from "@eventstore/db-client";
import * as convertModule from "@eventstore/db-client/dist/utils/convertGrpcEvent.js";
import * as sharedPbModule from "@eventstore/db-client/generated/shared_pb.js";
import * as streamsGrpcModule from "@eventstore/db-client/generated/streams_grpc_pb.js";
import * as streamsPbModule from "@eventstore/db-client/generated/streams_pb.js";
import { isStreamNotFound, toClientFailure } from "./client-errors";
import type {
  ClientAppendResult,
  ClientExpected,
  ClientPort,
  ClientReadAllOptions,
  ClientReadStreamOptions,
  ClientSubscribeOptions,
  ClientSubscription,
  LogPosition,
  RecordedEvent,
  ServerFilter,
} from "./client-port";
import { ClientFailure } from "./client-port";
import { portSubscription } from "./client-subscription";

/** The client's modules are CommonJS without an exports map: take `module.exports` either way. */
const cjs = <T>(namespace: T): T => (namespace as { default?: T }).default ?? namespace;
const sharedPb = cjs(sharedPbModule);
const streamsPb = cjs(streamsPbModule);
const streamsGrpc = cjs(streamsGrpcModule);
const convert = cjs(convertModule);

export type DbClientSource = { readonly connectionString: string } | { readonly client: EventStoreDBClient };

/** A `ClientPort` on a client made from a connection string (owned) or passed in (borrowed). */
export const createDbClientPort = (source: DbClientSource): ClientPort & { readonly owned: boolean } => {
  const owned = "connectionString" in source;
  const client = owned ? EsdbClient.connectionString(source.connectionString) : source.client;

  return {
    owned,
    append: (stream, events, expected) =>
      guard(async (): Promise<ClientAppendResult> => {
        const result = await client.appendToStream(
          stream,
          events.map((e) =>
            jsonEvent({
              id: e.id,
              type: e.type,
              // biome-ignore lint/suspicious/noExplicitAny: the envelope's Json is the client's JSONType
              data: e.data as any,
              metadata: e.metadata,
            }),
          ),
          { expectedRevision: toClientExpected(expected) },
        );
        if (!result.success)
          // a client built with throwOnAppendFailure: false answers instead of throwing
          throw new ClientFailure(
            {
              kind: "wrong_expected_version",
              stream,
              actual: result.nextExpectedRevision < 0n ? undefined : result.nextExpectedRevision,
            },
            `wrong expected version on ${stream}`,
          );
        return { nextExpectedRevision: result.nextExpectedRevision, position: result.position };
      }),

    readStream: (stream, options) => readStreamPage(client, stream, options),
    readAll: (options) => filteredReadAll(client, options),
    subscribeToAll: (options) => subscribe(client, options),

    deleteStream: (stream, expected) =>
      guard(async () => {
        await client.deleteStream(stream, {
          expectedRevision: expected === "no_stream" ? NO_STREAM : expected === "any" ? ANY : expected,
        });
      }),
    tombstoneStream: (stream, expected) =>
      guard(async () => {
        await client.tombstoneStream(stream, {
          expectedRevision: expected === "no_stream" ? NO_STREAM : expected === "any" ? ANY : expected,
        });
      }),
    dispose: () => client.dispose(),
  };
};

const toClientExpected = (expected: ClientExpected) => {
  switch (expected) {
    case "no_stream":
      return NO_STREAM;
    case "stream_exists":
      return STREAM_EXISTS;
    case "any":
      return ANY;
    default:
      return expected;
  }
};

const guard = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    throw toClientFailure(error);
  }
};

async function* readStreamPage(
  client: EventStoreDBClient,
  stream: string,
  options: ClientReadStreamOptions,
): AsyncGenerator<RecordedEvent> {
  const read = client.readStream(stream, {
    direction: options.direction === "backwards" ? BACKWARDS : FORWARDS,
    fromRevision: options.from === "start" ? START : options.from === "end" ? END : options.from,
    maxCount: options.maxCount,
  });
  let done = false;
  try {
    for await (const resolved of read) {
      const event = toRecorded(resolved);
      if (event !== undefined) yield event;
    }
    done = true;
  } catch (error) {
    done = true;
    if (isStreamNotFound(error)) return;
    throw toClientFailure(error);
  } finally {
    if (!done) await read.cancel().catch(() => undefined);
  }
}

/** `readAll` with a server-side filter: the request 6.2.1's `readAll` would send, plus the filter. */
async function* filteredReadAll(
  client: EventStoreDBClient,
  options: ClientReadAllOptions,
): AsyncGenerator<RecordedEvent> {
  const req = new streamsPb.ReadReq();
  const opts = new streamsPb.ReadReq.Options();
  const uuidOption = new streamsPb.ReadReq.Options.UUIDOption();
  uuidOption.setString(new sharedPb.Empty());
  const all = new streamsPb.ReadReq.Options.AllOptions();
  if (options.from === "start") all.setStart(new sharedPb.Empty());
  else if (options.from === "end") all.setEnd(new sharedPb.Empty());
  else {
    const position = new streamsPb.ReadReq.Options.Position();
    position.setCommitPosition(options.from.commit.toString(10));
    position.setPreparePosition(options.from.prepare.toString(10));
    all.setPosition(position);
  }
  opts.setAll(all);
  opts.setResolveLinks(false);
  opts.setCount(options.maxCount.toString(10));
  opts.setUuidOption(uuidOption);
  opts.setReadDirection(options.direction === "backwards" ? 1 : 0);
  opts.setFilter(toGrpcFilter(options.filter));
  req.setOptions(opts);

  // biome-ignore lint/suspicious/noExplicitAny: protected members of the client, see the file comment
  const internals = client as any as {
    GRPCStreamCreator: (
      clientClass: unknown,
      debugName: string,
      creator: (grpc: { read: (...args: unknown[]) => NodeJS.ReadableStream }) => NodeJS.ReadableStream,
    ) => () => Promise<NodeJS.ReadableStream & { cancel(): void }>;
    callArguments: (base: object, callOptions: object) => unknown[];
  };
  let call: (NodeJS.ReadableStream & { cancel(): void }) | undefined;
  let done = false;
  try {
    call = await internals.GRPCStreamCreator(streamsGrpc.StreamsClient, "readAll", (grpc) =>
      grpc.read(req, ...internals.callArguments({}, { deadline: Number.POSITIVE_INFINITY })),
    )();
    for await (const resp of call as AsyncIterable<InstanceType<typeof streamsPb.ReadResp>>) {
      if (!resp.hasEvent()) continue;
      const event = toRecorded(convert.convertGrpcEvent(resp.getEvent()!));
      if (event !== undefined) yield event;
    }
    done = true;
  } catch (error) {
    done = true;
    throw toClientFailure(convertToCommandError(error as Error));
  } finally {
    if (!done) call?.cancel();
  }
}

const toGrpcFilter = (filter: ServerFilter) => {
  const expression = new streamsPb.ReadReq.Options.FilterOptions.Expression();
  if ("regex" in filter) expression.setRegex(filter.regex);
  else expression.setPrefixList([...filter.prefixes]);
  const grpc = new streamsPb.ReadReq.Options.FilterOptions();
  if (filter.on === "stream") grpc.setStreamIdentifier(expression);
  else grpc.setEventType(expression);
  grpc.setCount(new sharedPb.Empty());
  grpc.setCheckpointintervalmultiplier(1);
  return grpc;
};

const toClientFilter = (filter: ServerFilter): Filter =>
  "regex" in filter
    ? eventTypeFilter({ regex: filter.regex })
    : filter.on === "stream"
      ? streamNameFilter({ prefixes: [...filter.prefixes] })
      : eventTypeFilter({ prefixes: [...filter.prefixes] });

const subscribe = (client: EventStoreDBClient, options: ClientSubscribeOptions): ClientSubscription =>
  portSubscription(
    client.subscribeToAll({
      fromPosition: options.from === "start" ? START : (options.from as Position),
      filter: toClientFilter(options.filter),
    }),
    toRecorded,
  );

const toRecorded = (resolved: ResolvedEvent): RecordedEvent | undefined => {
  const event = resolved.event;
  if (event === undefined) return undefined;
  return {
    stream: event.streamId,
    revision: event.revision,
    id: event.id,
    type: event.type,
    isJson: event.isJson,
    data: event.data,
    metadata: event.metadata,
    position: event.position as LogPosition | undefined,
  };
};
