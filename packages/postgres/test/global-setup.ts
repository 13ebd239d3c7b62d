/**
 * vitest global setup: one embedded PostgreSQL server for the whole test run (fsync off), and,
 * when `POSTGRES_URL` is set, that server as well. Test files get the list through
 * `inject("postgresServers")` and create a database of their own on each.
 */
import type { TestProject } from "vitest/node";
import { startEmbeddedServer } from "./embedded-server";

export interface PostgresServer {
  readonly name: string;
  /** An admin connection string; test files create their databases through it. */
  readonly url: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresServers: ReadonlyArray<PostgresServer>;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const embedded = await startEmbeddedServer({ fsync: false, label: "vitest" });
  const servers: PostgresServer[] = [{ name: "embedded PostgreSQL 18", url: embedded.url }];
  const external = process.env.POSTGRES_URL;
  if (external !== undefined && external !== "") servers.push({ name: "POSTGRES_URL", url: external });
  project.provide("postgresServers", servers);
  console.log(
    `[postgres] embedded server on port ${embedded.port} (started in ${Date.now() - started} ms)${
      servers.length > 1
        ? "; also running against POSTGRES_URL"
        : "; set POSTGRES_URL to run against another server too"
    }`,
  );
  return async () => {
    await embedded.destroy();
  };
}
