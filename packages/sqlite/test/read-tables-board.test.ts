/**
 * The board counted in SQL (`boardTasks`, version 4 on) equals the replayed wall chart on the
 * Guangyuan scenario, as of every tenth day and as known at a date within the scenario's record
 * instants and one after it (test/support/board-from-tables.ts).
 */
import { createSqliteStore } from "@safety-ledger/sqlite";
import { describe, it } from "vitest";
import { expectBoardFromTablesAsReplayed } from "../../../test/support/board-from-tables";

describe("the board counted in SQL", () => {
  it("equals the replayed wall chart on every tenth day and as known at dates, reading only the tasks that can hold a next deadline", async () => {
    const store = createSqliteStore({ path: ":memory:" });
    try {
      await expectBoardFromTablesAsReplayed(store);
    } finally {
      await store.close();
    }
  });
});
