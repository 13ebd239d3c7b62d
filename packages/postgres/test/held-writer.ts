/**
 * A store whose next append can be held just before its COMMIT, for the contract's ordering
 * test: a pool of its own whose connections make that one COMMIT wait for a release.
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
        if (args[0] === "COMMIT" && current !== undefined) {
          hold = undefined;
          current.reach();
          return current.released.then(() => query(...args));
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
