import { eventStoreContract } from "@safety-ledger/testkit";
import { afterAll } from "vitest";
import { createSqliteStore } from "../src/index";
import { tempDir } from "./helpers";

const temp = tempDir("contract");
afterAll(() => temp.cleanup());

// The full suite on a file, as the store is used.
eventStoreContract("SQLite", async () => createSqliteStore({ path: temp.file() }));

// Tiny pages, so every read crosses many page boundaries.
eventStoreContract("SQLite, pages of 3", async () => createSqliteStore({ path: temp.file(), pageSize: 3 }), {
  largeStreamSize: 2_000,
});

// A private in-memory file.
eventStoreContract("SQLite :memory:", async () => createSqliteStore({ path: ":memory:" }), {
  largeStreamSize: 10_000,
});
