import { LedgerFailure } from "@safety-ledger/core";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStore, SqliteCheckpointStore } from "../src/index";
import { tempDir } from "./helpers";

const temp = tempDir("checkpoints");
afterAll(() => temp.cleanup());

describe("SQLite checkpoint store", () => {
  it("round-trips a checkpoint, overwrites it, and survives reopening the file", async () => {
    const path = temp.file();
    const clock = () => new Date("2020-07-14T01:00:00.000Z");
    const store = createSqliteStore({ path, clock });
    expect(await store.checkpoints.load("wall-chart")).toBeUndefined();
    const state = { tasks: { "task-1": ["已完成", 3] }, total: 1.5, none: null };
    await store.checkpoints.save("wall-chart", { position: 42n, state });
    expect(await store.checkpoints.load("wall-chart")).toEqual({ position: 42n, state });
    await store.checkpoints.save("wall-chart", { position: 2n ** 62n, state: [] });
    await store.close();

    const reopened = createSqliteStore({ path });
    expect(await reopened.checkpoints.load("wall-chart")).toEqual({ position: 2n ** 62n, state: [] });
    await reopened.close();

    const raw = new Database(path, { readonly: true });
    expect(raw.prepare("SELECT name, updated_at FROM checkpoints").all()).toEqual([
      { name: "wall-chart", updated_at: "2020-07-14T01:00:00.000Z" },
    ]);
    raw.close();
  });

  it("keeps checkpoints apart by name", async () => {
    const store = createSqliteStore({ path: temp.file() });
    await store.checkpoints.save("a", { position: 1n, state: "a" });
    await store.checkpoints.save("b", { position: 2n, state: "b" });
    expect(await store.checkpoints.load("a")).toEqual({ position: 1n, state: "a" });
    expect(await store.checkpoints.load("b")).toEqual({ position: 2n, state: "b" });
    await store.close();
  });

  it("opens on a file of its own", async () => {
    const path = temp.file();
    const checkpoints = SqliteCheckpointStore.open({ path });
    await checkpoints.save("stats", { position: 7n, state: { n: 7 } });
    await checkpoints.close();
    const again = SqliteCheckpointStore.open({ path });
    expect(await again.load("stats")).toEqual({ position: 7n, state: { n: 7 } });
    await again.close();
  });

  it("reports a checkpoint whose state is not JSON by name", async () => {
    const path = temp.file();
    const store = createSqliteStore({ path });
    const raw = new Database(path);
    raw
      .prepare("INSERT INTO checkpoints (name, position, state, updated_at) VALUES (?, ?, ?, ?)")
      .run("broken", 3, "{not json", "2020-07-14T01:00:00.000Z");
    raw.close();
    const failure = await store.checkpoints.load("broken").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LedgerFailure);
    expect((failure as LedgerFailure).error._tag).toBe("ValidationError");
    expect((failure as LedgerFailure).message).toContain('checkpoint "broken"');
    await store.close();
  });

  it("fails with StoreUnavailable once the store is closed", async () => {
    const store = createSqliteStore({ path: temp.file() });
    await store.close();
    const failure = await store.checkpoints.load("x").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LedgerFailure);
    expect((failure as LedgerFailure).error._tag).toBe("StoreUnavailable");
  });
});
