/** A small domain flow through the command handler (suites/end-to-end.ts) with @kurrent/kurrentdb-client 1.x, over the real gRPC wire. */
import { endToEndSuite } from "./suites/end-to-end";

endToEndSuite("@kurrent/kurrentdb-client");
