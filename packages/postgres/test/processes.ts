/** Child processes for the multi-process tests, and verifying what they wrote. */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ChainProblem, ChainVerifier, type EventStore, type StoredEvent } from "@safety-ledger/core";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Run a TypeScript fixture in a child node process (through tsx, with the repo's path aliases). */
export const spawnFixture = (name: string, args: ReadonlyArray<string>): ChildProcess =>
  spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, "tsconfig.json") },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );

/**
 * Run a fixture to its end; resolves with its stdout, rejects on a non-zero exit. `onReady` is
 * called when the fixture prints `ready`.
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

/** Read one stream, verifying its hash chain on the way. */
export const verifyStream = async (
  store: EventStore,
  stream: string,
): Promise<{ problems: ChainProblem[]; events: StoredEvent[] }> => {
  const verifier = new ChainVerifier(stream);
  const problems: ChainProblem[] = [];
  const events: StoredEvent[] = [];
  for await (const event of store.readStream(stream)) {
    problems.push(...verifier.check(event));
    events.push(event);
  }
  return { problems, events };
};
