/** The subject-keys contract (suites/subject-keys.ts) with @eventstore/db-client 6.x, over the real gRPC wire. */
import { subjectKeysSuite } from "./suites/subject-keys";

subjectKeysSuite("@eventstore/db-client");
