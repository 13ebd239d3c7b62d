/** The store conformance suite (suites/contract.ts) with @kurrent/kurrentdb-client 1.x, over the real gRPC wire. */
import { contractSuite } from "./suites/contract";

contractSuite("@kurrent/kurrentdb-client");
