import { sm2 } from "sm-crypto-v2";
import { describe, expect, it } from "vitest";
import { SHA256, SM3 } from "./hash";
import {
  generateSigningKeyPair,
  pemSigner,
  publicKeyAlgorithm,
  SM2_DEFAULT_USER_ID,
  verifySignature,
} from "./signature";

const hex = (h: string) => Buffer.from(h, "hex");
const pem = (label: string, der: Buffer) =>
  `-----BEGIN ${label}-----\n${der.toString("base64")}\n-----END ${label}-----\n`;

describe("SM3 (GB/T 32905 appendix A)", () => {
  it("hashes both published vectors", () => {
    expect(SM3.hex("abc")).toBe("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    expect(SM3.hex("abcd".repeat(16))).toBe(
      "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732",
    );
    expect(SM3.create().update("abc").digest("hex")).toBe(SM3.hex("abc"));
  });

  it("is not SHA-256", () => {
    expect(SHA256.hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("SM2 signature (GM/T 0003.5 A.2, user ID 1234567812345678)", () => {
  const x = "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020";
  const y = "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13";
  const r = "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3";
  const s = "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA";
  // SubjectPublicKeyInfo: id-ecPublicKey on the SM2 curve (1.2.156.10197.1.301)
  const publicPem = pem("PUBLIC KEY", hex(`3059301306072a8648ce3d020106082a811ccf5501822d03420004${x}${y}`));
  // both r and s have their top bit set: each INTEGER is 00 ‖ 32 bytes
  const signature = hex(`3046022100${r}022100${s}`);
  const message = Buffer.from("message digest");

  it("verifies the published signature with the published key", () => {
    expect(publicKeyAlgorithm(publicPem)).toBe("sm2");
    expect(verifySignature("sm2", publicPem, message, signature)).toBe(true);
  });

  it("rejects a changed message and a signature made for another user ID", () => {
    expect(verifySignature("sm2", publicPem, Buffer.from("message digesT"), signature)).toBe(false);
    expect(verifySignature("ed25519", publicPem, message, signature)).toBe(false);
    const other = hex(`3046022100${r}022100${s.replace(/^B1/, "B2")}`);
    expect(verifySignature("sm2", publicPem, message, other)).toBe(false);
  });

  it("rejects a signature made under another user ID (OpenSSL 3's default is empty)", () => {
    const d = "3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8";
    const publicHex = `04${x}${y}`.toLowerCase();
    const signWith = (userId: string) =>
      hex(sm2.doSignature(message, d, { der: true, hash: true, publicKey: publicHex, userId }));
    expect(verifySignature("sm2", publicPem, message, signWith(SM2_DEFAULT_USER_ID))).toBe(true);
    expect(verifySignature("sm2", publicPem, message, signWith(""))).toBe(false);
    expect(verifySignature("sm2", publicPem, message, signWith("ALICE123@YAHOO.COM"))).toBe(false);
  });

  it("signs with a generated key; the signature verifies and binds the bytes", async () => {
    const pair = generateSigningKeyPair("sm2");
    const signer = pemSigner("k1", pair.privateKeyPem);
    expect(signer.algorithm).toBe("sm2");
    const bytes = Buffer.from("seal bytes");
    const sig = await signer.sign(bytes);
    expect(verifySignature("sm2", pair.publicKeyPem, bytes, sig)).toBe(true);
    expect(verifySignature("sm2", pair.publicKeyPem, Buffer.from("seal bytez"), sig)).toBe(false);
    expect(verifySignature("sm2", generateSigningKeyPair("sm2").publicKeyPem, bytes, sig)).toBe(false);
  });
});

describe("Ed25519 (RFC 8032 §7.1 test 1)", () => {
  const seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
  const pub = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
  const expected =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
  const privatePem = pem("PRIVATE KEY", hex(`302e020100300506032b657004220420${seed}`));
  const publicPem = pem("PUBLIC KEY", hex(`302a300506032b6570032100${pub}`));

  it("reproduces the published signature of the empty message and verifies it", async () => {
    const signer = pemSigner("rfc8032", privatePem);
    expect(signer.algorithm).toBe("ed25519");
    const sig = await signer.sign(new Uint8Array());
    expect(Buffer.from(sig).toString("hex")).toBe(expected);
    expect(verifySignature("ed25519", publicPem, new Uint8Array(), sig)).toBe(true);
    expect(verifySignature("ed25519", publicPem, Uint8Array.of(0), sig)).toBe(false);
    expect(verifySignature("sm2", publicPem, new Uint8Array(), sig)).toBe(false);
  });
});
