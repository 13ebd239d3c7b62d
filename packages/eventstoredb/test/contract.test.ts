/** The store conformance suite (suites/contract.ts) with @eventstore/db-client 6.x, over the real gRPC wire. */
import { contractSuite } from "./suites/contract";

contractSuite("@eventstore/db-client");
