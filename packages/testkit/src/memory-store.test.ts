import { createMemoryStore } from "@safety-ledger/core";
import { eventStoreContract } from "./event-store-contract";

eventStoreContract("in-memory", async () => createMemoryStore());
