/**
 * The board counted in SQL on PostgreSQL (`boardTasks`, version 4 on) equals the replayed wall
 * chart on the Guangyuan scenario, as of every tenth day and as known at a date within the
 * scenario's record instants and one after it (test/support/board-from-tables.ts).
 */
import { describe, it } from "vitest";
import { expectBoardFromTablesAsReplayed } from "../../../test/support/board-from-tables";
import { createPostgresStore } from "../src/index";
import { freshDatabase, postgresServers } from "./databases";

for (const server of postgresServers()) {
  describe(`the board counted in SQL on PostgreSQL (${server.name})`, () => {
    it("equals the replayed wall chart on every tenth day and as known at dates, reading only the tasks that can hold a next deadline", async () => {
      const url = await freshDatabase(server, "rt_board");
      const store = await createPostgresStore({ connectionString: url, maxConnections: 4 });
      try {
        await expectBoardFromTablesAsReplayed(store);
      } finally {
        await store.close();
      }
    });
  });
}
