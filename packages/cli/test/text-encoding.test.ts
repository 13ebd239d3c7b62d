import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { EncodingError, encodingOf, firstInvalidUtf8, readText } from "../src/import/text-encoding";
import { tempDir } from "./helpers";

const dir = tempDir();
afterAll(() => dir.remove());
let n = 0;
const file = (bytes: Uint8Array | string) => {
  const path = join(dir.dir, `f${n++}.csv`);
  writeFileSync(path, bytes);
  return path;
};
const all = async (path: string, encoding?: Parameters<typeof readText>[1]) => {
  let text = "";
  for await (const chunk of readText(path, encoding)) text += chunk;
  return text;
};

// 企业名称,利州区 in GB18030 (as Excel's "CSV" writes it on Chinese Windows).
const GB = Buffer.from("c6f3d2b5c3fbb3c62cc0fbd6ddc7f8", "hex");

describe("reading a spreadsheet's text", () => {
  it("reads UTF-8 with and without a BOM, and drops the BOM", async () => {
    expect(await all(file("企业名称,利州区\r\n"))).toBe("企业名称,利州区\r\n");
    expect(await all(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("企业名称\n")])))).toBe(
      "企业名称\n",
    );
  });

  it("detects GB18030 and decodes it", async () => {
    expect(await all(file(GB))).toBe("企业名称,利州区");
    expect(await all(file(GB), "gb18030")).toBe("企业名称,利州区");
  });

  it("detects GB18030 past a first chunk of ASCII, and decodes a big file in pieces", async () => {
    const ascii = Buffer.from(`${"a,b,c\r\n".repeat(20_000)}`);
    const text = await all(file(Buffer.concat([ascii, GB])));
    expect(text.endsWith("企业名称,利州区")).toBe(true);
    expect(text.length).toBe(ascii.length + 8);
  });

  it("refuses a GB18030 file read as UTF-8, with the line of the first bad byte", async () => {
    const bytes = Buffer.concat([Buffer.from("header\r\nok row\r\n"), GB]);
    await expect(all(file(bytes), "utf-8")).rejects.toMatchObject({ line: 3, byteOffset: 16 });
  });

  it("refuses bytes that are neither UTF-8 nor GB18030, naming the line", async () => {
    const bytes = Buffer.concat([Buffer.from("h\nok\n"), GB, Buffer.from([0x0a, 0xff, 0x41])]);
    const error = await all(file(bytes)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EncodingError);
    expect(error).toMatchObject({ encoding: "gb18030", line: 4 });
    expect((error as Error).message).toMatch(/^line 4: byte \d+ of the file is not GB18030/);
  });

  it("names encodings as clerks type them", () => {
    expect(["GBK", "gb2312", "GB18030", "cp936"].map(encodingOf)).toEqual([
      "gb18030",
      "gb18030",
      "gb18030",
      "gb18030",
    ]);
    expect(["utf8", "UTF-8", "auto", "latin1"].map(encodingOf)).toEqual([
      "utf-8",
      "utf-8",
      "auto",
      undefined,
    ]);
  });

  it("finds the first invalid UTF-8 byte as the WHATWG decoder does", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(bytes) < 0).toBe(valid);
      }),
      { numRuns: 5_000 },
    );
  });
});
