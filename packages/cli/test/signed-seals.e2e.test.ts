/**
 * End-to-end: signing keys and signed seals through the built binary, and the auditor's
 * independent check of docs/audit.md: OpenSSL and coreutils only, on an export.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli, countEvents, json, requireBuild, tempDir } from "./helpers";

const AS = ["--as", "GY-AUDIT/office/Zhao"];
let temp: ReturnType<typeof tempDir>;

beforeAll(() => {
  requireBuild();
  temp = tempDir();
});
afterAll(() => temp?.remove());

interface Report {
  ok: boolean;
  hashAlgorithm: string;
  signers: Array<{ seal: number; keyId: string; ownerUnit: string; algorithm: string; ok: boolean }>;
  problems: Array<{ stream: string; revision: number; kind: string }>;
}

/** A ledger of `hash`, a registered key of `algorithm`, one signed seal; the export written. */
const signedLedger = async (name: string, hash: "sha256" | "sm3", algorithm: "sm2" | "ed25519") => {
  const db = join(temp.dir, `${name}.db`);
  const keys = join(temp.dir, name);
  const generated = await cli(["audit", "keygen", "--algorithm", algorithm, "--out", keys, "--json"]);
  expect(generated.code, generated.stderr).toBe(0);
  expect(statSync(`${keys}.key.pem`).mode & 0o777).toBe(0o600);
  const demo = await cli(["--hash", hash, "demo"], db);
  expect(demo.code, demo.stderr).toBe(0);
  const registered = await cli(
    [
      "audit",
      "key",
      "register",
      "gy-audit-1",
      "--public-key",
      `${keys}.pub.pem`,
      "--owner",
      "GY-AUDIT",
      "--valid-from",
      "2020-01-01T00:00:00+08:00",
      ...AS,
    ],
    db,
  );
  expect(registered.code, registered.stderr).toBe(0);
  expect(registered.stdout).toContain(`Registered ${algorithm} key gy-audit-1 of GY-AUDIT`);
  const sealed = await cli(
    ["audit", "seal", "--sign", "gy-audit-1", "--key", `${keys}.key.pem`, "--json", ...AS],
    db,
  );
  expect(sealed.code, sealed.stderr).toBe(0);
  expect(json(sealed).signedBy).toEqual({ keyId: "gy-audit-1", algorithm });
  const file = join(temp.dir, `${name}.jsonl`);
  expect((await cli(["audit", "export", file], db)).code).toBe(0);
  return { db, keys, file };
};

/** The commands of docs/audit.md ("An auditor's independent check"), run by bash in `dir`. */
const auditorCheck = (
  dir: string,
  exportFile: string,
  algorithm: "sm2" | "ed25519",
  hash: "sha256" | "sm3",
) => {
  const script = `
set -euo pipefail
EXPORT=${JSON.stringify(exportFile)}
grep '"stream":"ledger-seal"' "$EXPORT" | sed -n 1p > seal.json
grep -o '"canonical":"[^"]*"' seal.json | cut -d'"' -f4 | base64 -d > seal-bytes.json
grep -o '"hash":"[^"]*"' seal.json | cut -d'"' -f4 | sed 's/^sm3://' > seal-hash.txt
openssl dgst -${hash} -r seal-bytes.json | cut -d' ' -f1 > recomputed.txt
cmp seal-hash.txt recomputed.txt
grep -o '"statement":"[^"]*","value":"[^"]*"' seal.json > signature.txt
cut -d'"' -f4 signature.txt | base64 -d > statement.json
cut -d'"' -f8 signature.txt | base64 -d > signature.bin
grep -qF "$(cut -d'"' -f4 signature.txt)" seal-bytes.json
grep -o '"publicKey":"[^"]*"' "$EXPORT" | sed -n 1p | cut -d'"' -f4 | sed 's/\\\\n/\\n/g' > pub.pem
${
  algorithm === "sm2"
    ? "openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in statement.json -sigfile signature.bin -digest sm3 -pkeyopt distid:1234567812345678"
    : "openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in statement.json -sigfile signature.bin"
}
`;
  return execFileSync("bash", ["-c", script], {
    cwd: dir,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
};

describe.each([
  ["sm3", "sm2"],
  ["sha256", "ed25519"],
] as const)("a %s ledger with %s-signed seals", (hash, algorithm) => {
  let ledger: Awaited<ReturnType<typeof signedLedger>>;
  beforeAll(async () => {
    ledger = await signedLedger(`${hash}-${algorithm}`, hash, algorithm);
  });

  it("verify (store and export) checks the signature and names who signed", async () => {
    const expected = [{ seal: 0, keyId: "gy-audit-1", ownerUnit: "GY-AUDIT", algorithm, ok: true }];
    const report = json<Report>(await cli(["audit", "verify", "--json"], ledger.db));
    expect(report).toMatchObject({ ok: true, hashAlgorithm: hash, signers: expected, problems: [] });
    const fromFile = json<Report>(await cli(["audit", "verify", "--file", ledger.file, "--json"]));
    expect(fromFile).toMatchObject({ ok: true, hashAlgorithm: hash, signers: expected });
    const text = await cli(["audit", "verify"], ledger.db);
    expect(text.stdout).toMatch(/gy-audit-1\W+GY-AUDIT\W+(sm2|ed25519)\W+\S+\W+valid/);
    expect(readFileSync(ledger.file, "utf8")).not.toContain("PRIVATE KEY");
  });

  it("the auditor's OpenSSL commands of docs/audit.md verify the seal's hash and signature", () => {
    const dir = join(temp.dir, `openssl-${hash}`);
    execFileSync("mkdir", ["-p", dir]);
    expect(auditorCheck(dir, ledger.file, algorithm, hash)).toMatch(/Signature Verified Successfully/);
    const statement = JSON.parse(readFileSync(join(dir, "statement.json"), "utf8"));
    expect(statement).toMatchObject({
      format: "safety-ledger-seal/1",
      hashAlgorithm: hash,
      keyId: "gy-audit-1",
    });
    // the same commands on a forged signature fail
    const forged = readFileSync(ledger.file, "utf8").replace(
      /"value":"([A-Za-z0-9+/]{10})/,
      (_m, head: string) => `"value":"${head.slice(0, 9)}${head[9] === "A" ? "B" : "A"}`,
    );
    const forgedFile = join(dir, "forged.jsonl");
    writeFileSync(forgedFile, forged);
    expect(() => auditorCheck(dir, forgedFile, algorithm, hash)).toThrow();
  });

  it("a retired key signs no more seals; the seal it signed still verifies", async () => {
    const retired = await cli(
      ["audit", "key", "retire", "gy-audit-1", "--reason", "rotated", ...AS],
      ledger.db,
    );
    expect(retired.code, retired.stderr).toBe(0);
    const before = countEvents(ledger.db);
    const refused = await cli(
      ["audit", "seal", "--sign", "gy-audit-1", "--key", `${ledger.keys}.key.pem`],
      ledger.db,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("retired");
    expect(countEvents(ledger.db)).toBe(before);
    const report = json<Report>(await cli(["audit", "verify", "--json"], ledger.db));
    expect(report.ok).toBe(true);
    expect(report.signers.map((s) => s.ok)).toEqual([true]);
  });
});

describe("key commands refuse what they cannot use", () => {
  it("keygen never overwrites; register needs a readable SM2/Ed25519 key; --sign needs --key", async () => {
    const out = join(temp.dir, "once");
    expect((await cli(["audit", "keygen", "--algorithm", "ed25519", "--out", out])).code).toBe(0);
    const again = await cli(["audit", "keygen", "--algorithm", "ed25519", "--out", out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("never overwrites");
    expect((await cli(["audit", "keygen", "--algorithm", "rsa", "--out", join(temp.dir, "rsa")])).code).toBe(
      2,
    );
    const db = join(temp.dir, "refusals.db");
    const bad = join(temp.dir, "bad.pem");
    writeFileSync(bad, "not a key");
    const unreadable = await cli(
      ["audit", "key", "register", "k", "--public-key", bad, "--owner", "GY-AUDIT", ...AS],
      db,
    );
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain("not a PEM public key");
    const lone = await cli(["audit", "seal", "--sign", "k"], db);
    expect(lone.code).toBe(2);
    const unknown = await cli(["audit", "key", "retire", "nobody", "--reason", "x", ...AS], db);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No signing key nobody");
    expect(existsSync(`${out}.pub.pem`)).toBe(true);
  });
});
