/**
 * The text of a spreadsheet file as Excel writes it on a Chinese desktop: UTF-8 (with or
 * without a BOM) or GB18030 (the superset of GBK that "CSV" means on Chinese Windows). Decoded
 * strictly (Node's own WHATWG decoders, `fatal: true`), so a byte that is neither is refused
 * with its line and nothing garbled is ever stored. Streamed: chunks in, text out.
 */
import { createReadStream } from "node:fs";

export type TextEncoding = "utf-8" | "gb18030";
export type EncodingChoice = TextEncoding | "auto";

export const ENCODING_CHOICES: ReadonlyArray<EncodingChoice> = ["auto", "utf-8", "gb18030"];

/** `--encoding` values a clerk may type for each encoding. */
export const encodingOf = (name: string): EncodingChoice | undefined => {
  const n = name.trim().toLowerCase().replace(/[_\s]/g, "-");
  if (n === "auto") return "auto";
  if (n === "utf-8" || n === "utf8") return "utf-8";
  if (n === "gb18030" || n === "gbk" || n === "gb2312" || n === "cp936") return "gb18030";
  return undefined;
};

export class EncodingError extends Error {
  constructor(
    readonly encoding: TextEncoding,
    readonly line: number,
    readonly byteOffset: number,
  ) {
    super(
      `line ${line}: byte ${byteOffset + 1} of the file is not ${encoding === "utf-8" ? "UTF-8" : "GB18030 (GBK)"} text; save the file as UTF-8 or GB18030 (Excel: "CSV UTF-8" or "CSV"), or name the encoding with --encoding`,
    );
    this.name = "EncodingError";
  }
}

/**
 * The byte offset of the first byte that is not valid UTF-8, or -1. A sequence cut off at the
 * end of `bytes` counts as valid when `partial` (the rest may be in the next chunk).
 */
export const firstInvalidUtf8 = (bytes: Uint8Array, partial = false): number => {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (i + need >= bytes.length) {
      // Not all of its continuation bytes are here: valid only if the rest may follow.
      if (!partial) return i;
      for (let j = i + 1; j < bytes.length; j++) if (((bytes[j] as number) & 0xc0) !== 0x80) return i;
      return -1;
    }
    const second = bytes[i + 1] as number;
    if ((second & 0xc0) !== 0x80) return i;
    if (b === 0xe0 && second < 0xa0) return i; // overlong
    if (b === 0xed && second > 0x9f) return i; // surrogate
    if (b === 0xf0 && second < 0x90) return i; // overlong
    if (b === 0xf4 && second > 0x8f) return i; // beyond U+10FFFF
    for (let j = 2; j <= need; j++) if (((bytes[i + j] as number) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return -1;
};

const CHUNK_BYTES = 64 * 1024;

/** Lines before `offset` in the bytes seen so far, plus one. */
const countLines = (chunks: ReadonlyArray<Uint8Array>, upTo: number): number => {
  let line = 1;
  let seen = 0;
  for (const chunk of chunks)
    for (let i = 0; i < chunk.length && seen < upTo; i++, seen++) if (chunk[i] === 0x0a) line += 1;
  return line;
};

/**
 * The file's text, chunk by chunk, without a BOM, decoded strictly: a bad byte throws
 * `EncodingError` naming its line. `auto` reads UTF-8 for as long as the bytes are UTF-8; at
 * the first byte that is not, if everything before it was ASCII (the same in both encodings)
 * it goes on as GB18030, and otherwise the file is refused (no file mixes the two).
 */
export async function* readText(file: string, choice: EncodingChoice = "auto"): AsyncGenerator<string> {
  let encoding: TextEncoding = choice === "auto" ? "utf-8" : choice;
  let decoder = new TextDecoder(encoding, { fatal: true });
  let offset = 0; // bytes decoded so far
  let lines = 1; // lines in the bytes decoded so far
  let onlyAscii = true;
  const decode = (chunk: Uint8Array, last: boolean): string => {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: !last });
    } catch {
      if (choice === "auto" && encoding === "utf-8" && onlyAscii) {
        encoding = "gb18030";
        decoder = new TextDecoder(encoding, { fatal: true });
        return decode(chunk, last);
      }
      const at = encoding === "utf-8" ? Math.max(0, firstInvalidUtf8(chunk, !last)) : firstBadGb18030(chunk);
      throw new EncodingError(encoding, lines + countLines([chunk], at) - 1, offset + at);
    }
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === 0x0a) lines += 1;
      else if (b >= 0x80) onlyAscii = false;
    }
    offset += chunk.length;
    return text;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    const text = decode(chunk, false);
    if (text !== "") yield text;
  }
  const rest = decode(new Uint8Array(0), true);
  if (rest !== "") yield rest;
}

/** The offset of the first byte at which strict GB18030 decoding of `bytes` fails. */
const firstBadGb18030 = (bytes: Uint8Array): number => {
  let lo = 0;
  let hi = bytes.length;
  // The longest prefix that decodes (as a stream, so a cut-off last character is fine).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder("gb18030", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
};
