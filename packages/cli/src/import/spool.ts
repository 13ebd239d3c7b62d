/**
 * A temporary file of decided appends, one JSON line each: the import's dry run writes what it
 * decided here instead of keeping it in memory, and the write phase reads it back one append at
 * a time; the dry run reads single appends back when it needs a stream's events again. The file
 * is removed when the spool is disposed.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StringDecoder } from "node:string_decoder";
import type { BatchAppend } from "@safety-ledger/core";

/** Buffered writes: one write call per this many characters or so. */
const FLUSH_AT = 1 << 16;
// Small enough that a chunk and its lines die young while the write phase works through them.
const READ_CHUNK = 1 << 16;

/** Where one append is in the spool file (bytes). */
export interface SpoolRef {
  readonly offset: number;
  readonly length: number;
}

/** A spool of `T` (by default the import's decided appends), one JSON line each. */
export class Spool<T = BatchAppend> {
  private readonly dir = mkdtempSync(join(tmpdir(), "safety-ledger-import-"));
  private readonly path = join(this.dir, "appends.jsonl");
  private readonly fd = openSync(this.path, "w+");
  private buffered: string[] = [];
  private bufferedChars = 0;
  private appends = 0;
  private bytes = 0;
  private disposed = false;

  get size(): number {
    return this.appends;
  }

  /** Adds an append; returns where it is, for `readAt`. */
  add(append: T): SpoolRef {
    const line = `${JSON.stringify(append)}\n`;
    const ref = { offset: this.bytes, length: Buffer.byteLength(line) };
    this.buffered.push(line);
    this.bufferedChars += line.length;
    this.bytes += ref.length;
    this.appends += 1;
    if (this.bufferedChars >= FLUSH_AT) this.flush();
    return ref;
  }

  /** One append added before, read back from where `add` said it is. */
  readAt(ref: SpoolRef): T {
    this.flush();
    const buffer = Buffer.alloc(ref.length);
    readSync(this.fd, buffer, 0, ref.length, ref.offset);
    return JSON.parse(buffer.toString("utf8")) as T;
  }

  /** The appends in the order they were added, read back a chunk of the file at a time. */
  *appendsInOrder(): Generator<T> {
    this.flush();
    const fd = openSync(this.path, "r");
    try {
      const chunk = Buffer.alloc(READ_CHUNK);
      // The decoder keeps a character split across two chunks until the second one arrives.
      const decoder = new StringDecoder("utf8");
      let rest = "";
      for (;;) {
        const n = readSync(fd, chunk, 0, READ_CHUNK, null);
        if (n === 0) break;
        const text = rest + decoder.write(chunk.subarray(0, n));
        const lines = text.split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) if (line !== "") yield JSON.parse(line) as T;
      }
      if (rest !== "") yield JSON.parse(rest) as T;
    } finally {
      closeSync(fd);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private flush(): void {
    if (this.buffered.length === 0) return;
    writeSync(this.fd, this.buffered.join(""));
    this.buffered = [];
    this.bufferedChars = 0;
  }
}
