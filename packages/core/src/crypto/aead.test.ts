import { describe, expect, it } from "vitest";
import { aeadDecrypt, aeadEncrypt } from "./aead";

const hex = (h: string) => Buffer.from(h, "hex");
const toHex = (b: Uint8Array | undefined) => (b === undefined ? undefined : Buffer.from(b).toString("hex"));

describe("SM4-GCM, RFC 8998 appendix A.1", () => {
  const key = hex("0123456789ABCDEFFEDCBA9876543210");
  const iv = hex("00001234567800000000ABCD");
  const aad = hex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2");
  const plaintext = hex(
    "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDDEEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA",
  );
  const ciphertext =
    "17f399f08c67d5ee19d0dc9969c4bb7d5fd46fd3756489069157b282bb200735d82710ca5c22f0ccfa7cbf93d496ac15a56834cbcf98c397b4024a2691233b8d";
  const tag = "83de3541e4c2b58177e065a9bf7b62ec";

  it("encrypts to the published ciphertext and tag", () => {
    const sealed = aeadEncrypt("sm4-gcm", key, iv, plaintext, aad);
    expect(toHex(sealed.ciphertext)).toBe(ciphertext);
    expect(toHex(sealed.tag)).toBe(tag);
  });

  it("decrypts the published ciphertext, and refuses another associated data or tag", () => {
    const sealed = { ciphertext: hex(ciphertext), tag: hex(tag) };
    expect(toHex(aeadDecrypt("sm4-gcm", key, iv, sealed, aad))).toBe(toHex(plaintext));
    expect(
      aeadDecrypt("sm4-gcm", key, iv, sealed, hex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD3")),
    ).toBeUndefined();
    expect(
      aeadDecrypt("sm4-gcm", key, iv, { ...sealed, tag: hex(`${tag.slice(0, 30)}00`) }, aad),
    ).toBeUndefined();
  });
});

describe("AES-256-GCM, McGrew and Viega, The Galois/Counter Mode of Operation, test cases 13 and 16", () => {
  it("test case 13: zero key and IV, no plaintext, no associated data", () => {
    const sealed = aeadEncrypt(
      "aes-256-gcm",
      Buffer.alloc(32),
      Buffer.alloc(12),
      Buffer.alloc(0),
      Buffer.alloc(0),
    );
    expect(toHex(sealed.ciphertext)).toBe("");
    expect(toHex(sealed.tag)).toBe("530f8afbc74536b9a963b4f1c4cb738b");
  });

  const key = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308");
  const iv = hex("cafebabefacedbaddecaf888");
  const aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
  const plaintext = hex(
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
  );
  const ciphertext =
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662";
  const tag = "76fc6ece0f4e1768cddf8853bb2d551b";

  it("test case 16: encrypts to the published ciphertext and tag", () => {
    const sealed = aeadEncrypt("aes-256-gcm", key, iv, plaintext, aad);
    expect(toHex(sealed.ciphertext)).toBe(ciphertext);
    expect(toHex(sealed.tag)).toBe(tag);
  });

  it("test case 16: decrypts, and refuses a flipped ciphertext bit", () => {
    const sealed = { ciphertext: hex(ciphertext), tag: hex(tag) };
    expect(toHex(aeadDecrypt("aes-256-gcm", key, iv, sealed, aad))).toBe(toHex(plaintext));
    const flipped = hex(ciphertext);
    flipped[0] = flipped[0]! ^ 1;
    expect(aeadDecrypt("aes-256-gcm", key, iv, { ...sealed, ciphertext: flipped }, aad)).toBeUndefined();
  });
});

describe("sizes", () => {
  it("refuses a key of the other algorithm's length and a short IV", () => {
    expect(() =>
      aeadEncrypt("sm4-gcm", Buffer.alloc(32), Buffer.alloc(12), Buffer.alloc(1), Buffer.alloc(0)),
    ).toThrow(/16-byte key/);
    expect(() =>
      aeadEncrypt("aes-256-gcm", Buffer.alloc(32), Buffer.alloc(8), Buffer.alloc(1), Buffer.alloc(0)),
    ).toThrow(/IV is 12 bytes/);
  });
});
