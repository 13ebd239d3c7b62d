/** Temp files and child processes for the tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ChainProblem, ChainVerifier, type EventStore } from "@safety-ledger/core";
import { fixtureProcesses } from "../../../test/support/fixture-process";

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

export const fixture = (name: string): string =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export const { spawnFixture, runFixture } = fixtureProcesses(new URL("./fixtures/", import.meta.url));

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
