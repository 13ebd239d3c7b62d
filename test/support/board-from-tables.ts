/**
 * The board counted by a store's read tables (`boardTasks`), on the Guangyuan scenario, whose
 * quarterly elements have periods due on both sides of many dates, some verified, some overdue:
 * the wall chart from the tables' counts equals the replayed one on every tenth day of the
 * campaign, reading the summaries of only the tasks that can hold a next deadline; and as known
 * at a date within the scenario's record instants and one after it, against the replay of the ledger as then known. Shared by the stores' tests.
 */
import {
  campaignLedgerProjection,
  type EventStore,
  isTaskAssigned,
  ledgerAsKnownAt,
  ledgerAsOf,
  ledgerEvents,
  type ReadTables,
  runProjections,
  taskBoardColumnsOf,
  wallChart,
  wallChartFromTables,
} from "@safety-ledger/core";
import { expect } from "vitest";
import { runGuangyuan } from "../../examples/guangyuan/src/index";

const DAY = 86_400_000;
const AS_OF_DATES = ["2020-06-30", "2020-11-15", "2021-01-15", "2021-06-30", "2021-10-01", "2022-12-31"];

/** The scenario's record instant halfway through its events: part of the ledger known then. */
const halfwayRecordInstant = async (store: EventStore): Promise<string> => {
  const instants: number[] = [];
  for await (const e of store.readAll()) instants.push(Date.parse(e.metadata.recordedAt));
  return new Date(instants[Math.floor(instants.length / 2)]!).toISOString();
};

export const expectBoardFromTablesAsReplayed = async (
  store: EventStore & { readonly readTables: ReadTables },
): Promise<void> => {
  const tables = store.readTables;
  const { boardTasks } = tables;
  if (boardTasks === undefined) throw new Error("these read tables do not count the board");
  await runGuangyuan(store);
  await tables.catchUp();
  const { models } = await runProjections(store, ledgerEvents, [campaignLedgerProjection] as const);
  const model = models[0];
  let straddling = 0;
  let fewer = 0;
  let dates = 0;
  for (let at = Date.parse("2020-03-01"); at <= Date.parse("2023-01-31"); at += 10 * DAY) {
    const asOf = new Date(at).toISOString().slice(0, 10);
    const counted = await boardTasks({ asOf });
    expect(counted, asOf).toBeDefined();
    expect(await wallChartFromTables(tables, asOf), asOf).toEqual(wallChart(model, asOf));
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
  for (const knownAt of [await halfwayRecordInstant(store), "2099-12-31"]) {
    const view = ledgerAsKnownAt(store, knownAt);
    const known = (await runProjections(view, ledgerEvents, [campaignLedgerProjection] as const)).models[0];
    for (const asOf of AS_OF_DATES) {
      expect(await boardTasks({ asOf, knownAt }), asOf).toBeDefined();
      const chart = await wallChartFromTables(tables, asOf, knownAt);
      expect(chart, `${asOf} known at ${knownAt}`).toEqual(wallChart(known, asOf));
    }
  }
  const all = await wallChartFromTables(tables, "2021-06-30", "2099-12-31");
  expect(all.total.total).toBeGreaterThan(0);
};
