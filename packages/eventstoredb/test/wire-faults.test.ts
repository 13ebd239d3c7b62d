/** Faults only the double can stage (suites/wire-faults.ts) with @eventstore/db-client 6.x, over the real gRPC wire. */
import { wireFaultsSuite } from "./suites/wire-faults";

wireFaultsSuite("@eventstore/db-client");
