/** A small domain flow through the command handler (suites/end-to-end.ts) with @eventstore/db-client 6.x, over the real gRPC wire. */
import { endToEndSuite } from "./suites/end-to-end";

endToEndSuite("@eventstore/db-client");
