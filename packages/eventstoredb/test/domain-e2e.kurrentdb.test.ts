/** The domain end to end (suites/domain-e2e.ts) with @kurrent/kurrentdb-client 1.x, over the real gRPC wire. */
import { domainEndToEndSuite } from "./suites/domain-e2e";

domainEndToEndSuite("@kurrent/kurrentdb-client");
