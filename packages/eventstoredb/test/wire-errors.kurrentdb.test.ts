/** Error mapping and system-event hygiene (suites/wire-errors.ts) with @kurrent/kurrentdb-client 1.x, over the real gRPC wire. */
import { wireErrorsSuite } from "./suites/wire-errors";

wireErrorsSuite("@kurrent/kurrentdb-client");
