/**
 * The cost of national cryptography (issue 17), in one run so that the ratios compare like with
 * like: BENCH_CRYPTO_EVENTS commands (default 20,000) over 1,000 streams on the memory store,
 * the ledger created with SHA-256 and with SM3 in turn, BENCH_CRYPTO_ROUNDS rounds (default 3,
 * medians kept):
 *
 * - command phase: each command loads its stream, decides, chains (SHA-256 or SM3) and appends;
 * - verify: `verifyLedger` over the whole ledger (every chain rehashed, one seal checked);
 * - seal signatures: signing a seal's statement and verifying it, SM2 (sm-crypto-v2) and
 *   Ed25519 (node:crypto), BENCH_CRYPTO_SIGNS times each.
 *
 * Run: `pnpm build && node --import tsx bench/crypto-bench.ts`.
 */
import {
  createCommandHandler,
  createLedger,
  createMemoryStore,
  type EventStore,
  generateSigningKeyPair,
  type HashAlgorithm,
  pemSigner,
  type SignatureAlgorithm,
  sealLedger,
  sealStatementBytes,
  verifyLedger,
  verifySignature,
} from "@safety-ledger/core";
import * as E from "fp-ts/lib/Either.js";
import { median } from "./median";
import { actor, tallyAggregate } from "./tally";

const EVENTS = Number(process.env.BENCH_CRYPTO_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_CRYPTO_ROUNDS ?? 3);
const SIGNS = Number(process.env.BENCH_CRYPTO_SIGNS ?? 50);
const STREAMS = 1_000;
const at = "2021-01-01T00:00:00+08:00";

const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

const ledgerRound = async (algorithm: HashAlgorithm) => {
  const store: EventStore = createMemoryStore();
  if (algorithm === "sm3") await createLedger(store, { hashAlgorithm: "sm3", actor, occurredAt: at });
  const handle = createCommandHandler(store);
  let t = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i++) {
    const outcome = await handle(tallyAggregate, {
      command: { type: "RecordInspection", data: { site: `s${i % STREAMS}`, findings: i % 3 } },
      commandId: `c${i}`,
      actor,
      occurredAt: at,
    });
    if (E.isLeft(outcome)) throw new Error(outcome.left.message);
  }
  const command = seconds(t);
  const sealed = await sealLedger(store, { actor, occurredAt: at });
  if (E.isLeft(sealed)) throw new Error(sealed.left.message);
  t = process.hrtime.bigint();
  const report = await verifyLedger(store);
  const verify = seconds(t);
  if (!report.ok || report.hashAlgorithm !== algorithm) throw new Error("the ledger does not verify");
  return { command, verify };
};

const signRound = async (algorithm: SignatureAlgorithm) => {
  const pair = generateSigningKeyPair(algorithm);
  const signer = pemSigner("bench", pair.privateKeyPem);
  const bytes = sealStatementBytes({
    hashAlgorithm: "sm3",
    keyId: "bench",
    position: "1000000",
    previousRoot: "a".repeat(64),
    previousSeal: `sm3:${"b".repeat(64)}`,
    root: "c".repeat(64),
    signatureAlgorithm: algorithm,
    time: at,
  });
  const signatures: Uint8Array[] = [];
  let t = process.hrtime.bigint();
  for (let i = 0; i < SIGNS; i++) signatures.push(await signer.sign(bytes));
  const sign = seconds(t) / SIGNS;
  t = process.hrtime.bigint();
  for (const signature of signatures)
    if (!verifySignature(algorithm, pair.publicKeyPem, bytes, signature)) throw new Error("does not verify");
  return { sign, verify: seconds(t) / SIGNS };
};

const main = async () => {
  const runs: Record<HashAlgorithm, { command: number[]; verify: number[] }> = {
    sha256: { command: [], verify: [] },
    sm3: { command: [], verify: [] },
  };
  for (let round = 0; round < ROUNDS; round++)
    for (const algorithm of ["sha256", "sm3"] as const) {
      const r = await ledgerRound(algorithm);
      runs[algorithm].command.push(r.command);
      runs[algorithm].verify.push(r.verify);
    }
  const us = (s: number) => ((s / EVENTS) * 1e6).toFixed(2);
  const sha = { command: median(runs.sha256.command), verify: median(runs.sha256.verify) };
  const sm3 = { command: median(runs.sm3.command), verify: median(runs.sm3.verify) };
  console.log(`${EVENTS} commands over ${STREAMS} streams, memory store, medians of ${ROUNDS} rounds\n`);
  console.log("| chain | command phase µs/event | verify µs/event |");
  console.log("|---|---:|---:|");
  console.log(`| SHA-256 | ${us(sha.command)} | ${us(sha.verify)} |`);
  console.log(`| SM3 | ${us(sm3.command)} | ${us(sm3.verify)} |`);
  console.log(
    `| SM3 / SHA-256 | ${(sm3.command / sha.command).toFixed(2)} | ${(sm3.verify / sha.verify).toFixed(2)} |\n`,
  );
  console.log(`| seal signature (${SIGNS} each) | sign ms | verify ms |`);
  console.log("|---|---:|---:|");
  const sigs: Record<string, { sign: number; verify: number }> = {};
  for (const algorithm of ["sm2", "ed25519"] as const) {
    const r = await signRound(algorithm);
    sigs[algorithm] = r;
    console.log(`| ${algorithm} | ${(r.sign * 1e3).toFixed(2)} | ${(r.verify * 1e3).toFixed(2)} |`);
  }
  console.log(
    `| SM2 / Ed25519 | ${(sigs.sm2!.sign / sigs.ed25519!.sign).toFixed(1)} | ${(sigs.sm2!.verify / sigs.ed25519!.verify).toFixed(1)} |`,
  );
};

await main();
