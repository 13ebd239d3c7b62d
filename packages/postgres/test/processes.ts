import { type ChainProblem, ChainVerifier, type EventStore, type StoredEvent } from "@safety-ledger/core";
import { fixtureProcesses } from "../../../test/support/fixture-process";

export const { spawnFixture, runFixture } = fixtureProcesses(new URL("./fixtures/", import.meta.url));

/** Read one stream, verifying its hash chain on the way. */
export const verifyStream = async (
  store: EventStore,
  stream: string,
): Promise<{ problems: ChainProblem[]; events: StoredEvent[] }> => {
  const verifier = new ChainVerifier(stream);
  const problems: ChainProblem[] = [];
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(stream)) {
    problems.push(...verifier.check(event));
    events.push(event);
  }
  return { problems, events };
};
