/**
 * One variant of the kernel workload in a process of its own (`run.ts` starts one per variant
 * per round): a first pass to warm the JIT, then the measured pass. Separate processes keep
 * one variant's JIT and heap state from tilting the next one's figures.
 * Prints `{ "command": seconds, "foldBack": seconds }` on its last line.
 */
import { kernelVariants } from "./kernel-bench";

const name = process.argv[2] as keyof typeof kernelVariants;
const run = kernelVariants[name];
if (run === undefined) throw new Error(`no kernel variant ${name}; one of ${Object.keys(kernelVariants)}`);
const gc = (globalThis as { gc?: () => void }).gc;
await run();
gc?.();
console.log(JSON.stringify(await run()));
