/** The subject-keys contract (suites/subject-keys.ts) with @kurrent/kurrentdb-client 1.x, over the real gRPC wire. */
import { subjectKeysSuite } from "./suites/subject-keys";

subjectKeysSuite("@kurrent/kurrentdb-client");
