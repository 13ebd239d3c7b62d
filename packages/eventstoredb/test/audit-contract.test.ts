/** The audit conformance suite (double only) (suites/audit-contract.ts) with @eventstore/db-client 6.x, over the real gRPC wire. */
import { auditContractSuite } from "./suites/audit-contract";

auditContractSuite("@eventstore/db-client");
