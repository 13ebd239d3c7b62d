/**
 * The read tables' link check with few verifiers in memory finds what core's `ReadLinkCheck`
 * finds, on a ledger tampered through SQL (changed content, a changed link, a deleted event, two
 * events' positions swapped), read from the start and from part-way, with verifiers dropped
 * and made again from the file at almost every event.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemoryStore, ReadLinkCheck, type StoredEvent } from "@safety-ledger/core";
import { createSqliteStore } from "@safety-ledger/sqlite";
import Database from "better-sqlite3";
import * as E from "fp-ts/lib/Either.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHistory } from "../../../bench/generate";
import { BoundedLinkCheck } from "../src/bounded-link-check";

const dir = mkdtempSync(join(tmpdir(), "bounded-link-check-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, "ledger.db");
const events: StoredEvent[] = [];

beforeAll(async () => {
  const memory = createMemoryStore();
  await generateHistory(memory, { events: 700, seed: 11 });
  const store = createSqliteStore({ path });
  for await (const { stream, revision: _r, position: _p, ...event } of memory.readAll()) {
    const result = await store.append(stream, [event], "any");
    if (E.isLeft(result)) throw new Error(result.left.message);
  }
  await store.close();
  const db = new Database(path);
  // streams with at least four events, to tamper with one each
  const streams = (
    db
      .prepare("SELECT stream_name AS s FROM events GROUP BY stream_name HAVING count(*) >= 4 ORDER BY s")
      .all() as { s: string }[]
  ).map((r) => r.s);
  expect(streams.length).toBeGreaterThanOrEqual(4);
  const [changed, relinked, gap, swapped] = streams as [string, string, string, string];
  db.prepare(
    "UPDATE events SET data = json_set(data, '$.tampered', 1) WHERE stream_name = ? AND stream_revision = 1",
  ).run(changed);
  db.prepare(
    `UPDATE events SET metadata = json_set(metadata, '$.prevHash', 'sha256:${"0".repeat(64)}')
     WHERE stream_name = ? AND stream_revision = 2`,
  ).run(relinked);
  db.prepare("DELETE FROM events WHERE stream_name = ? AND stream_revision = 1").run(gap);
  const at = (revision: number) =>
    (
      db
        .prepare("SELECT global_position AS p FROM events WHERE stream_name = ? AND stream_revision = ?")
        .get(swapped, revision) as { p: number }
    ).p;
  const [p1, p2] = [at(1), at(2)];
  const swap = db.prepare("UPDATE events SET global_position = ? WHERE global_position = ?");
  db.transaction(() => {
    swap.run(-1, p1);
    swap.run(p1, p2);
    swap.run(p2, -1);
  })();
  db.close();
  const reader = createSqliteStore({ path, create: false });
  for await (const e of reader.readAll()) events.push(e);
  await reader.close();
});

describe("the read tables' link check with a bounded number of verifiers", () => {
  for (const kept of [1, 2, 50])
    it(`reports what ReadLinkCheck reports, keeping ${kept} verifier(s)`, () => {
      const db = new Database(path, { readonly: true });
      try {
        for (const after of [undefined, events[300]!.position]) {
          const read = after === undefined ? events : events.filter((e) => e.position > after);
          const reference = new ReadLinkCheck(after === undefined);
          const bounded = new BoundedLinkCheck(db, after === undefined, after, kept);
          for (const e of read) {
            reference.check(e);
            bounded.check(e);
          }
          expect(bounded.problems).toEqual(reference.problems);
          if (after === undefined)
            expect(new Set(reference.problems.map((p) => p.kind))).toEqual(
              // (a changed link changes the event's content too: "changed")
              new Set(["changed", "missing", "reordered"]),
            );
        }
      } finally {
        db.close();
      }
    });
});
