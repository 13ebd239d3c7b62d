/** The domain end to end (suites/domain-e2e.ts) with @eventstore/db-client 6.x, over the real gRPC wire. */
import { domainEndToEndSuite } from "./suites/domain-e2e";

domainEndToEndSuite("@eventstore/db-client");
