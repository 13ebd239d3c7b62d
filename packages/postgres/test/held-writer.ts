/**
 * A store whose next append can be held just before its COMMIT, for the contract's ordering
 * test: a pool of its own whose connections send that transaction's statements up to its
 * COMMIT, then wait for a release before committing.
 */
import type { HeldCommit, HeldWriter } from "@safety-ledger/testkit";
import pg from "pg";
import { createPostgresStore } from "../src/index";

type Query = pg.PoolClient["query"];

export const openHeldWriter = async (connectionString: string): Promise<HeldWriter> => {
  const pool = new pg.Pool({ connectionString, max: 2 });
  pool.on("error", () => undefined);
  let hold: { reach: () => void; released: Promise<void> } | undefined;
  const patched = new WeakSet<pg.PoolClient>();
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  (pool as { connect: () => Promise<pg.PoolClient> }).connect = async () => {
    const client = await connect();
    if (!patched.has(client)) {
      patched.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      client.query = ((...args: unknown[]) => {
        const current = hold;
        const text = args[0];
        // The store commits as the last statement of its insert query (or on its own).
        if (current !== undefined && typeof text === "string" && /(^|;)\s*COMMIT\s*$/.test(text)) {
          hold = undefined;
          const upToCommit = text.replace(/COMMIT\s*$/, "");
          const written = upToCommit.trim() === "" ? Promise.resolve(undefined) : query(upToCommit);
          return written.then(async (result) => {
            current.reach();
            await current.released;
            await query("COMMIT");
            return result;
          });
        }
        return query(...args);
      }) as Query;
    }
    return client;
  };
  const store = await createPostgresStore({ pool });
  return {
    store,
    holdNextCommit: (): HeldCommit => {
      let reach!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((resolve) => {
        reach = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      hold = { reach, released };
      return { reached, release };
    },
    close: async () => {
      await store.close();
      await pool.end();
    },
  };
};
