/**
 * `ClientPort` on `@kurrent/kurrentdb-client` 1.x, the successor of `@eventstore/db-client`
 * (same v1 protocol): the only file that imports it. Its reads go through the client's Rust
 * bridge and take the server-side filter directly; its appends, deletes and subscriptions use
 * grpc-js as 6.x does. It calls the expected version `streamState` on appends.
 */
import {
  ANY,
  BACKWARDS,
  END,
  eventTypeFilter,
  type Filter,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  type Position,
  type ResolvedEvent,
  START,
  STREAM_EXISTS,
  streamNameFilter,
} from "@kurrent/kurrentdb-client";
import { isStreamNotFound, toClientFailure } from "./client-errors";
import {
  type ClientAppendResult,
  type ClientExpected,
  ClientFailure,
  type ClientPort,
  type ClientReadAllOptions,
  type ClientSubscribeOptions,
  type ClientSubscription,
  type LogPosition,
  type RecordedEvent,
  type ServerFilter,
} from "./client-port";
import { portSubscription } from "./client-subscription";

export type KurrentClientSource =
  | { readonly connectionString: string }
  | { readonly kurrentdbClient: KurrentDBClient };

/** A `ClientPort` on a client made from a connection string (owned) or passed in (borrowed). */
export const createKurrentClientPort = (
  source: KurrentClientSource,
): ClientPort & { readonly owned: boolean } => {
  const owned = "connectionString" in source;
  const client = owned ? KurrentDBClient.connectionString(source.connectionString) : source.kurrentdbClient;

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
          { streamState: toStreamState(expected) },
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

    readStream: (stream, options) =>
      read(
        client.readStream(stream, {
          direction: options.direction === "backwards" ? BACKWARDS : FORWARDS,
          fromRevision: options.from === "start" ? START : options.from === "end" ? END : options.from,
          maxCount: options.maxCount,
        }),
      ),
    readAll: (options: ClientReadAllOptions) =>
      read(
        client.readAll({
          direction: options.direction === "backwards" ? BACKWARDS : FORWARDS,
          fromPosition:
            options.from === "start" ? START : options.from === "end" ? END : (options.from as Position),
          maxCount: options.maxCount,
          filter: toClientFilter(options.filter),
        }),
      ),
    subscribeToAll: (options) => subscribe(client, options),

    deleteStream: (stream, expected) =>
      guard(async () => {
        await client.deleteStream(stream, { expectedRevision: toDeleteState(expected) });
      }),
    tombstoneStream: (stream, expected) =>
      guard(async () => {
        await client.tombstoneStream(stream, { expectedRevision: toDeleteState(expected) });
      }),
    dispose: () => client.dispose(),
  };
};

const toStreamState = (expected: ClientExpected) => {
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

const toDeleteState = (expected: Exclude<ClientExpected, "stream_exists">) =>
  expected === "no_stream" ? NO_STREAM : expected === "any" ? ANY : expected;

const guard = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    throw toClientFailure(error);
  }
};

/** A read of the client's in the port's terms; a missing stream reads as empty. */
async function* read(source: AsyncIterable<ResolvedEvent>): AsyncGenerator<RecordedEvent> {
  try {
    for await (const resolved of source) {
      const event = toRecorded(resolved);
      if (event !== undefined) yield event;
    }
  } catch (error) {
    if (isStreamNotFound(error)) return;
    throw toClientFailure(error);
  }
}

const toClientFilter = (filter: ServerFilter): Filter =>
  "regex" in filter
    ? eventTypeFilter({ regex: filter.regex })
    : filter.on === "stream"
      ? streamNameFilter({ prefixes: [...filter.prefixes] })
      : eventTypeFilter({ prefixes: [...filter.prefixes] });

const subscribe = (client: KurrentDBClient, options: ClientSubscribeOptions): ClientSubscription =>
  portSubscription(
    client.subscribeToAll({
      fromPosition: options.from === "start" ? START : (options.from as Position),
      filter: toClientFilter(options.filter),
    }),
    toRecorded,
  );

/** The bridge hands revisions and positions over as bigints; `BigInt` keeps them so if it ever does not. */
const toRecorded = (resolved: ResolvedEvent): RecordedEvent | undefined => {
  const event = resolved.event;
  if (event === undefined) return undefined;
  const position = event.position as LogPosition | undefined;
  return {
    stream: event.streamId,
    revision: BigInt(event.revision),
    id: event.id,
    type: event.type,
    isJson: event.isJson,
    data: event.data,
    metadata: event.metadata,
    position:
      position === undefined
        ? undefined
        : { commit: BigInt(position.commit), prepare: BigInt(position.prepare) },
  };
};
