/** Temp files and child processes for the tests. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ChainProblem, ChainVerifier, type EventStore } from "@safety-ledger/core";

/** A fresh temp directory; `cleanup` removes it and all it holds. */
export const tempDir = (
  label: string,
): { readonly dir: string; file: (name?: string) => string; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), `safety-ledger-sqlite-${label}-`));
  let n = 0;
  return {
    dir,
    file: (name) => join(dir, name ?? `ledger-${n++}.db`),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
};

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
export const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Run a TypeScript fixture in a child node process (through tsx, with the repo's path aliases). */
export const spawnFixture = (name: string, args: ReadonlyArray<string>): ChildProcess =>
  spawn(process.execPath, ["--import", "tsx", fixture(name), ...args], {
    cwd: repoRoot,
    env: { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, "tsconfig.json") },
    stdio: ["pipe", "pipe", "pipe"],
  });

/**
 * Run a fixture to its end; resolves with its stdout, rejects on a non-zero exit. `onReady`
 * is called when the fixture prints `ready`.
 */
export const runFixture = (
  name: string,
  args: ReadonlyArray<string>,
  onReady?: (child: ChildProcess) => void,
): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawnFixture(name, args);
    let out = "";
    let err = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      if (onReady !== undefined && out.startsWith("ready\n")) {
        out = out.slice("ready\n".length);
        const ready = onReady;
        onReady = undefined;
        ready(child);
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${name} exited with ${code}: ${err}`)),
    );
  });

/** Verify one stream's hash chain; returns its problems and revisions. */
export const verifyStream = async (
  store: EventStore,
  stream: string,
): Promise<{ problems: ChainProblem[]; revisions: number[]; data: unknown[] }> => {
  const verifier = new ChainVerifier(stream);
  const problems: ChainProblem[] = [];
  const revisions: number[] = [];
  const data: unknown[] = [];
  for await (const event of store.readStream(stream)) {
    problems.push(...verifier.check(event));
    revisions.push(event.revision);
    data.push(event.data);
  }
  return { problems, revisions, data };
};
