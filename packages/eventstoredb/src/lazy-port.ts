/**
 * A `ClientPort` whose client is loaded on first use. The two clients cannot share a process
 * (their generated code registers the same global protobuf namespace), so the package loads
 * only the one a store asks for, when it first needs it.
 */
import type { ClientPort, ClientSubscription, RecordedEvent } from "./client-port";

export const lazyPort = (load: () => Promise<ClientPort>): ClientPort => {
  let loading: Promise<ClientPort> | undefined;
  const port = () => {
    loading ??= load();
    return loading;
  };
  async function* stream(
    open: (port: ClientPort) => AsyncIterable<RecordedEvent>,
  ): AsyncGenerator<RecordedEvent> {
    yield* open(await port());
  }
  return {
    append: async (stream, events, expected) => (await port()).append(stream, events, expected),
    readStream: (name, options) => stream((p) => p.readStream(name, options)),
    readAll: (options) => stream((p) => p.readAll(options)),
    subscribeToAll: (options) => {
      let closed = false;
      const opened: Promise<ClientSubscription | undefined> = port().then((p) =>
        closed ? undefined : p.subscribeToAll(options),
      );
      async function* run(): AsyncGenerator<RecordedEvent> {
        const subscription = await opened;
        if (subscription !== undefined) yield* subscription;
      }
      const iterator = run();
      return {
        [Symbol.asyncIterator]: () => iterator,
        close: async () => {
          closed = true;
          await (await opened.catch(() => undefined))?.close();
        },
      };
    },
    deleteStream: async (name, expected) => (await port()).deleteStream(name, expected),
    tombstoneStream: async (name, expected) => (await port()).tombstoneStream(name, expected),
    dispose: async () => {
      if (loading !== undefined) await (await loading).dispose();
    },
  };
};
