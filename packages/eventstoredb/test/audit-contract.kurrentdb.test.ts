/** The audit conformance suite (double only) (suites/audit-contract.ts) with @kurrent/kurrentdb-client 1.x, over the real gRPC wire. */
import { auditContractSuite } from "./suites/audit-contract";

auditContractSuite("@kurrent/kurrentdb-client");
