/**
 * Child processes for the stores' multi-process tests: a TypeScript fixture run in its own node
 * process (through tsx, with the repository's path aliases), shared by the SQLite and PostgreSQL
 * test folders.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

/** Spawning and running the fixtures of one folder (`new URL("./fixtures/", import.meta.url)`). */
export const fixtureProcesses = (fixtures: URL) => {
  const spawnFixture = (name: string, args: ReadonlyArray<string>): ChildProcess =>
    spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL(name, fixtures)), ...args], {
      cwd: repoRoot,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, "tsconfig.json") },
      stdio: ["pipe", "pipe", "pipe"],
    });

  /**
   * Run a fixture to its end; resolves with its stdout, rejects on a non-zero exit. `onReady` is
   * called when the fixture prints `ready`.
   */
  const runFixture = (
    name: string,
    args: ReadonlyArray<string>,
    onReady?: (child: ChildProcess) => void,
  ): Promise<string> =>
    new Promise((resolve, reject) => {
      const child = spawnFixture(name, args);
      let out = "";
      let err = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk.toString("utf8");
        if (onReady !== undefined && out.startsWith("ready\n")) {
          out = out.slice("ready\n".length);
          const ready = onReady;
          onReady = undefined;
          ready(child);
        }
      });
      child.stderr?.on("data", (chunk: Buffer) => {
        err += chunk.toString("utf8");
      });
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 ? resolve(out) : reject(new Error(`${name} exited with ${code}: ${err}`)),
      );
    });

  return { spawnFixture, runFixture };
};
