/** The store conformance suite over the real client and the real gRPC wire. */
import { eventStoreContract } from "@safety-ledger/testkit";
import { afterAll, beforeAll, describe } from "vitest";
import { createEventStoreDbStore } from "../../src/index";
import { announceSkippedRealServer, type ClientPackage, targetsFor } from "../targets";

export const contractSuite = (client: ClientPackage): void => {
  announceSkippedRealServer(client);
  for (const target of targetsFor(client)) {
    describe(target.name, () => {
      let url = "";
      beforeAll(async () => {
        url = await target.start();
      });
      afterAll(() => target.stop());

      eventStoreContract(target.name, async () => createEventStoreDbStore({ connectionString: url }), {
        // the double keeps its log in memory and answers every page by scanning it: a smaller
        // large stream still crosses 40 pages; the real server gets the full 100,000
        largeStreamSize: target.real ? 100_000 : 20_000,
        // under the server's 1 MiB default maximum append size (the double enforces it too)
        largeBatchSize: 1_000,
      });
    });
  }
};
