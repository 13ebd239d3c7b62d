/**
 * A database of its own for each test file, on every server of the run (the embedded one, and
 * `POSTGRES_URL`'s). Each file calls `perServer` once; its databases are dropped after the file.
 */
import pg from "pg";
import { afterAll, inject } from "vitest";
import type { PostgresServer } from "./global-setup";

export interface TestDatabase {
  readonly server: PostgresServer;
  /** Connection string of a fresh database. */
  readonly url: string;
}

let counter = 0;

const withAdmin = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Create a fresh database on `server`; it is dropped after the test file. */
export const freshDatabase = async (server: PostgresServer, label = "test"): Promise<string> => {
  const name = `sl_${label.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await withAdmin(server.url, (c) => c.query(`CREATE DATABASE ${name}`));
  created.push({ server, name });
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
};

const created: Array<{ server: PostgresServer; name: string }> = [];
afterAll(async () => {
  for (const { server, name } of created.splice(0))
    await withAdmin(server.url, async (c) => {
      // (DROP DATABASE … WITH (FORCE) is PostgreSQL 13+; this works on 12 too.)
      await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
    }).catch(() => undefined);
});

export const postgresServers = (): ReadonlyArray<PostgresServer> => inject("postgresServers");

/** Run one statement on `url` through a connection of its own (a DBA's psql, in tests). */
export const runSql = async <T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> => withAdmin(url, async (client) => (await client.query<T>(text, values)).rows);
