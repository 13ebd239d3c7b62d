import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@safety-ledger/core": src("./packages/core/src/index.ts"),
      "@safety-ledger/testkit": src("./packages/testkit/src/index.ts"),
      "@safety-ledger/sqlite": src("./packages/sqlite/src/index.ts"),
      "@safety-ledger/eventstoredb": src("./packages/eventstoredb/src/index.ts"),
      "@safety-ledger/postgres": src("./packages/postgres/src/index.ts"),
      "@safety-ledger/esdb-double": src("./packages/esdb-double/src/index.ts"),
      "@safety-ledger/example-guangyuan": src("./examples/guangyuan/src/index.ts"),
    },
  },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "packages/*/test/**/*.test.ts",
      "examples/*/test/**/*.test.ts",
      "test/**/*.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One real PostgreSQL server for the whole run (packages/postgres tests, the CLI's e2e on it).
    globalSetup: ["packages/postgres/test/global-setup.ts"],
  },
});
