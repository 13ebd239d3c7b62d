/** Faults only the double can stage (suites/wire-faults.ts) with @kurrent/kurrentdb-client 1.x, over the real gRPC wire. */
import { wireFaultsSuite } from "./suites/wire-faults";

wireFaultsSuite("@kurrent/kurrentdb-client");
