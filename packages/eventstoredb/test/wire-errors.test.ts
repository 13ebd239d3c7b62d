/** Error mapping and system-event hygiene (suites/wire-errors.ts) with @eventstore/db-client 6.x, over the real gRPC wire. */
import { wireErrorsSuite } from "./suites/wire-errors";

wireErrorsSuite("@eventstore/db-client");
