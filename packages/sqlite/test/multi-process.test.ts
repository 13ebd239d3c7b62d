/**
 * Several processes on one file: writers that race lose no update, and a writer killed with
 * SIGKILL loses nothing it had acknowledged.
 */
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { createCommandHandler } from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStore } from "../src/index";
import { tallyAggregate } from "./fixtures/tally";
import { runFixture, spawnFixture, tempDir, verifyStream } from "./helpers";

const temp = tempDir("processes");
afterAll(() => temp.cleanup());

describe("two processes on one file", () => {
  it("appending to the same stream at once lose no update", async () => {
    const path = temp.file();
    const stream = "counter-1";
    const n = 150;
    // Both writers open the file, then start together.
    const ready: ChildProcess[] = [];
    const go = (child: ChildProcess) => {
      ready.push(child);
      if (ready.length === 2) for (const c of ready) c.stdin!.end("go\n");
    };
    const outputs = await Promise.all([
      runFixture("counter.ts", [path, stream, String(n), "writer-a"], go),
      runFixture("counter.ts", [path, stream, String(n), "writer-b"], go),
    ]);
    const reports = outputs.map(
      (o) => JSON.parse(o.trim()) as { increments: number; conflicts: number; busy: number },
    );
    expect(reports.map((r) => r.increments)).toEqual([n, n]);
    // The writers really raced: some appends found the other writer had got there first.
    expect(reports[0]!.conflicts + reports[1]!.conflicts).toBeGreaterThan(0);

    const store = createSqliteStore({ path });
    try {
      const { problems, revisions, data } = await verifyStream(store, stream);
      expect(problems).toEqual([]);
      expect(revisions).toEqual(Array.from({ length: 2 * n }, (_, i) => i));
      // Every increment saw the one before it: the counter reads 1, 2, …, 2n.
      expect(data.map((d) => (d as { value: number }).value)).toEqual(
        Array.from({ length: 2 * n }, (_, i) => i + 1),
      );
      const writers = new Set(data.map((d) => (d as { writer: string }).writer));
      expect(writers).toEqual(new Set(["writer-a", "writer-b"]));
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe("command handlers in several processes on one file", () => {
  it("3 processes × 20 concurrent callers × 10 commands on one stream: all succeed, none lost or doubled", async () => {
    const path = temp.file();
    const [processes, callers, commands] = [3, 20, 10];
    const ready: ChildProcess[] = [];
    const go = (child: ChildProcess) => {
      ready.push(child);
      if (ready.length === processes) for (const c of ready) c.stdin!.end("go\n");
    };
    const outputs = await Promise.all(
      Array.from({ length: processes }, (_, p) =>
        runFixture("handler-writer.ts", [path, "shared", String(callers), String(commands), `p${p}`], go),
      ),
    );
    const reports = outputs.map(
      (o) => JSON.parse(o.trim()) as { succeeded: number; failed: number; mostAttempts: number },
    );
    expect(reports.map((r) => [r.succeeded, r.failed])).toEqual(
      Array.from({ length: processes }, () => [callers * commands, 0]),
    );
    // The processes really raced: some command had to be retried after another process's append.
    expect(Math.max(...reports.map((r) => r.mostAttempts))).toBeGreaterThan(1);

    const total = processes * callers * commands;
    const store = createSqliteStore({ path });
    try {
      const { problems, revisions, data } = await verifyStream(store, "tally-shared");
      expect(problems).toEqual([]);
      expect(revisions).toEqual(Array.from({ length: total }, (_, i) => i));
      expect(data.map((d) => (d as { total: number }).total)).toEqual(
        Array.from({ length: total }, (_, i) => i + 1),
      );
      const ids = new Set<string>();
      for await (const e of store.readStream("tally-shared")) ids.add(e.metadata.commandId);
      expect(ids.size).toBe(total);
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe("a writer while another process holds the write lock past its busy timeout", () => {
  it("the command handler waits, retries and succeeds once the lock is released", async () => {
    const path = temp.file();
    const holder = spawnFixture("hold-lock.ts", [path, "800"]);
    const exited = new Promise<number | null>((resolve) => holder.on("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on("data", (chunk: Buffer) => {
        if (chunk.toString("utf8").includes("locked")) resolve();
      });
      holder.on("exit", () => reject(new Error("the lock holder exited before locking")));
    });
    // Each append waits 200 ms for the lock, then the store says busy (retryable): at least
    // ten retries of 200 ms each outlast the 800 ms hold, whatever the machine's speed.
    const store = createSqliteStore({ path, busyTimeoutMs: 200 });
    try {
      const outcome = await createCommandHandler(store)(tallyAggregate, {
        command: { type: "Add", data: { tally: "waiting", by: 1 } },
        commandId: "while-locked",
        actor: { unit: "GY-EMB", role: "office", person: "Wang" },
        occurredAt: "2020-07-14T09:00:00+08:00",
      });
      expect(E.isRight(outcome) && outcome.right).toMatchObject({ revision: 0, duplicate: false });
      expect(E.isRight(outcome) && outcome.right.attempts).toBeGreaterThan(1);
      expect(await exited).toBe(0);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe("crash durability", () => {
  it("every append acknowledged before a SIGKILL is there afterwards, and the chain verifies", async () => {
    const path = temp.file();
    const stream = "counter-crash";
    const child = spawnFixture("append-forever.ts", [path, stream]);
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    const acknowledged: number[] = [];
    const lines = createInterface({ input: child.stdout! });
    const target = 300;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${acknowledged.length} appends in time: ${stderr}`)),
        60_000,
      );
      lines.on("line", (line) => {
        acknowledged.push(Number(line));
        if (acknowledged.length === target) {
          clearTimeout(timer);
          // Kill it mid-loop: it is writing its next append right now.
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.on("exit", () => {
        clearTimeout(timer);
        if (acknowledged.length < target) reject(new Error(`writer exited early: ${stderr}`));
      });
    });
    expect(await exited).toBe("SIGKILL");
    lines.close();

    expect(acknowledged).toEqual(Array.from({ length: acknowledged.length }, (_, i) => i));
    const store = createSqliteStore({ path });
    try {
      const { problems, revisions } = await verifyStream(store, stream);
      expect(problems).toEqual([]);
      // Everything acknowledged is there (and possibly the append that was in flight).
      expect(revisions.length).toBeGreaterThanOrEqual(acknowledged.length);
      expect(revisions).toEqual(Array.from({ length: revisions.length }, (_, i) => i));
    } finally {
      await store.close();
    }
  }, 120_000);
});
