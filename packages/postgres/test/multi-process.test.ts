/**
 * Several processes on one database through the command handler: no lost update, no
 * duplicate for a retried command id, every process finishes; and a writer killed with SIGKILL
 * loses nothing it had acknowledged.
 */
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";
import { createPostgresStore } from "../src/index";
import { freshDatabase, postgresServers } from "./databases";
import { runFixture, spawnFixture, verifyStream } from "./processes";

for (const server of postgresServers())
  describe(`processes on one PostgreSQL database (${server.name})`, () => {
    for (const mode of ["", "release-lock-before-flush"])
      it(`four writers through the command handler on the same streams: no lost update, no duplicate, all finish${mode === "" ? "" : ` (${mode})`}`, async () => {
        const url = await freshDatabase(server, "processes");
        const writers = ["w1", "w2", "w3", "w4"];
        const perWriter = 60;
        const ready: ChildProcess[] = [];
        const go = (child: ChildProcess) => {
          ready.push(child);
          if (ready.length === writers.length) for (const c of ready) c.stdin!.end("go\n");
        };
        const outputs = await Promise.all(
          writers.map((w) => runFixture("command-writer.ts", [url, "a,b", String(perWriter), w, mode], go)),
        );
        const reports = outputs.map(
          (o) =>
            JSON.parse(o.trim()) as {
              commands: number;
              duplicates: number;
              retries: number;
              attempts: number;
            },
        );
        expect(reports.map((r) => [r.commands, r.duplicates])).toEqual(
          writers.map(() => [perWriter, perWriter]),
        );
        // The writers really raced: some commands had to reload and decide again.
        expect(reports.reduce((n, r) => n + r.retries + r.attempts - 2 * r.commands, 0)).toBeGreaterThan(0);

        const store = await createPostgresStore({ connectionString: url });
        try {
          const total = (writers.length * perWriter) / 2;
          for (const counter of ["a", "b"]) {
            const { problems, events } = await verifyStream(store, `counter-${counter}`);
            expect(problems).toEqual([]);
            // Every increment saw the one before it: the counter reads 1, 2, …, total.
            expect(events.map((e) => (e.data as { value: number }).value)).toEqual(
              Array.from({ length: total }, (_, i) => i + 1),
            );
            const commandIds = events.map((e) => e.metadata.commandId);
            expect(new Set(commandIds).size).toBe(total);
          }
        } finally {
          await store.close();
        }
      }, 180_000);

    it("every command acknowledged before a SIGKILL is there afterwards, and the chain verifies", async () => {
      const url = await freshDatabase(server, "crash");
      const child = spawnFixture("append-forever.ts", [url, "crash"]);
      let stderr = "";
      child.stderr!.on("data", (chunk: Buffer) => {
        stderr += chunk.toString("utf8");
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.on("exit", (_code, signal) => resolve(signal)),
      );
      const acknowledged: string[] = [];
      const lines = createInterface({ input: child.stdout! });
      const target = 150;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${acknowledged.length} commands in time: ${stderr}`)),
          90_000,
        );
        lines.on("line", (line) => {
          acknowledged.push(line);
          if (acknowledged.length === target) {
            clearTimeout(timer);
            // Kill it mid-loop: it is handling its next command right now.
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

      const store = await createPostgresStore({ connectionString: url });
      try {
        const { problems, events } = await verifyStream(store, "counter-crash");
        expect(problems).toEqual([]);
        const stored = events.map((e) => e.metadata.commandId);
        // Everything acknowledged is there, in order (and perhaps the command that was in flight).
        expect(stored.slice(0, acknowledged.length)).toEqual(acknowledged);
        expect(stored.length - acknowledged.length).toBeLessThanOrEqual(1);
      } finally {
        await store.close();
      }
    }, 180_000);
  });
