/**
 * The board counted in SQL on PostgreSQL (`boardTasks`, version 4 on), on the Guangyuan
 * scenario, whose quarterly elements have periods due on both sides of many dates, some
 * verified, some overdue: the wall chart from the tables' counts equals the replayed one on
 * every tenth day of the campaign, reading the summaries of only the tasks that can hold a next
 * deadline; and as known at dates, against the replay of the ledger as then known.
 */
import {
  campaignLedgerProjection,
  isTaskAssigned,
  ledgerAsKnownAt,
  ledgerAsOf,
  ledgerEvents,
  runProjections,
  taskBoardColumnsOf,
  wallChart,
  wallChartFromTables,
} from "@safety-ledger/core";
import { describe, expect, it } from "vitest";
import { runGuangyuan } from "../../../examples/guangyuan/src/index";
import { createPostgresStore } from "../src/index";
import { freshDatabase, postgresServers } from "./databases";

const DAY = 86_400_000;

for (const server of postgresServers()) {
  describe(`the board counted in SQL on PostgreSQL (${server.name})`, () => {
    it("equals the replayed wall chart on every tenth day and as known at dates, reading only the tasks that can hold a next deadline", async () => {
      const url = await freshDatabase(server, "rt_board");
      const store = await createPostgresStore({ connectionString: url, maxConnections: 4 });
      try {
        const { boardTasks } = store.readTables;
        if (boardTasks === undefined) throw new Error("the PostgreSQL read tables count the board");
        await runGuangyuan(store);
        await store.readTables.catchUp();
        const { models } = await runProjections(store, ledgerEvents, [campaignLedgerProjection] as const);
        const model = models[0];
        let straddling = 0;
        let fewer = 0;
        let dates = 0;
        for (let at = Date.parse("2020-03-01"); at <= Date.parse("2023-01-31"); at += 10 * DAY) {
          const asOf = new Date(at).toISOString().slice(0, 10);
          const counted = await boardTasks({ asOf });
          expect(counted, asOf).toBeDefined();
          expect(await wallChartFromTables(store.readTables, asOf), asOf).toEqual(wallChart(model, asOf));
          const assigned = [...ledgerAsOf(model, asOf).tasks.values()].filter(isTaskAssigned).length;
          const read = [...counted!.deadlineTasks.values()];
          if (read.length < assigned) fewer += 1;
          // a task with periods not verified due before the date and after it: always read
          if (read.some((t) => (taskBoardColumnsOf(t)?.dueFirst ?? asOf) < asOf)) straddling += 1;
          dates += 1;
        }
        expect(dates).toBeGreaterThan(100);
        expect(straddling).toBeGreaterThan(10);
        expect(fewer).toBeGreaterThan(dates / 2);
        // as known at a date: one within the scenario's record instants (part of the ledger
        // known) and one after it (all of it)
        const instants: number[] = [];
        for await (const e of store.readAll()) instants.push(Date.parse(e.metadata.recordedAt));
        const middle = new Date(instants[Math.floor(instants.length / 2)]!).toISOString();
        for (const knownAt of [middle, "2099-12-31"]) {
          const view = ledgerAsKnownAt(store, knownAt);
          const known = (await runProjections(view, ledgerEvents, [campaignLedgerProjection] as const))
            .models[0];
          for (const asOf of [
            "2020-06-30",
            "2020-11-15",
            "2021-01-15",
            "2021-06-30",
            "2021-10-01",
            "2022-12-31",
          ]) {
            expect(await boardTasks({ asOf, knownAt }), asOf).toBeDefined();
            const chart = await wallChartFromTables(store.readTables, asOf, knownAt);
            expect(chart, `${asOf} known at ${knownAt}`).toEqual(wallChart(known, asOf));
          }
        }
        const chart = await wallChartFromTables(store.readTables, "2021-06-30", "2099-12-31");
        expect(chart.total.total).toBeGreaterThan(0);
      } finally {
        await store.close();
      }
    });
  });
}
