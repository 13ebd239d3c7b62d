import { describe, expect, it } from "vitest";
import { CHAIN_PROBLEM_TEXTS, type ChainProblemCode, chainProblemText } from "./chain-problem-texts";
import { ChainVerifier } from "./hash-chain";

describe("a broken chain's details", () => {
  it("are in both languages, the Chinese with no English words but the field names", () => {
    const params = {
      ...{ stream: "〔流〕", algorithm: "〔算法〕", sealAlgorithm: "〔算法〕", revision: 3, after: 4 },
      ...{ from: 2, to: 5, seal: 7, previous: 6, now: 1, position: "〔位置〕", written: "〔位置〕" },
      ...{ event: "〔事件〕", before: "〔事件〕", keyId: "〔密钥〕", keyAlgorithm: "〔算法〕" },
      ...{ signatureAlgorithm: "〔算法〕", until: "〔时间〕", retiredAt: "〔时间〕", time: "〔时间〕" },
    };
    for (const code of Object.keys(CHAIN_PROBLEM_TEXTS) as ChainProblemCode[]) {
      const zh = chainProblemText({ code, params }, "zh-CN");
      expect(zh, code).not.toMatch(/undefined/);
      expect(zh.replace(/〔[^〕]*〕|prevHash|previousRoot/g, ""), code).not.toMatch(/[A-Za-z]{2,}/);
      expect(chainProblemText({ code, params }, "en"), code).toMatch(/[a-z]{2,} [a-z]{2,}/);
      expect(chainProblemText({ code, params }, "en"), code).not.toMatch(/undefined/);
    }
  });

  it("are what the verifier finds, coded, its message the English", () => {
    const verifier = new ChainVerifier("s");
    const gap = verifier.check({
      stream: "s",
      revision: 2,
      metadata: { hash: "sha256:00", prevHash: "sha256:00" },
    } as never);
    const missing = gap.find((p) => p.kind === "missing");
    expect(missing?.detail).toEqual({ code: "CHAIN_MISSING", params: { from: 0, to: 1 } });
    expect(missing?.message).toBe("revisions 0 to 1 are missing");
    expect(chainProblemText(missing!, "zh-CN")).toBe("缺少第 0 至 1 版");
  });
});
