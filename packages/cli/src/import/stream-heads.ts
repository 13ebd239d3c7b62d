/**
 * The dry run's bookkeeping per stream it appended to, in typed arrays rather than an object
 * per stream: where the ledger had the stream, where the dry run left it, and a linked list of
 * where its appends are in the spool. About 50 bytes a stream besides its name, so a 100k-row
 * import keeps a few megabytes here.
 */
import type { SpoolRef } from "./spool";

const NONE = -1;

const grown = <A extends Int32Array | Float64Array>(array: A, size: number): A => {
  if (size <= array.length) return array;
  const larger = new (array.constructor as new (n: number) => A)(Math.max(size, array.length * 2));
  larger.set(array);
  return larger;
};

export class StreamHeads {
  private readonly slots = new Map<string, number>();
  /** Per stream: last revision in the ledger (NONE: not there), last after the dry run, its appends. */
  private inLedger = new Int32Array(1024);
  private revision = new Int32Array(1024);
  private firstAppend = new Int32Array(1024);
  private lastAppend = new Int32Array(1024);
  /** Per append: where it is in the spool, and the stream's next append (NONE: the last). */
  private offset = new Float64Array(1024);
  private length = new Int32Array(1024);
  private next = new Int32Array(1024);
  private appends = 0;

  has(stream: string): boolean {
    return this.slots.has(stream);
  }

  /** The stream's revision after the dry run's appends (undefined: it appended none). */
  revisionOf(stream: string): number | undefined {
    const slot = this.slots.get(stream);
    return slot === undefined ? undefined : this.revision[slot];
  }

  /** The stream's last revision in the ledger when the dry run first appended to it. */
  inLedgerOf(stream: string): number | undefined {
    const slot = this.slots.get(stream);
    const revision = slot === undefined ? NONE : this.inLedger[slot]!;
    return revision === NONE ? undefined : revision;
  }

  /** Records an append that took the stream from `current` to `revision`. */
  appended(stream: string, current: number | undefined, revision: number, ref: SpoolRef): void {
    const append = this.appends++;
    this.offset = grown(this.offset, this.appends);
    this.length = grown(this.length, this.appends);
    this.next = grown(this.next, this.appends);
    this.offset[append] = ref.offset;
    this.length[append] = ref.length;
    this.next[append] = NONE;
    let slot = this.slots.get(stream);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(stream, slot);
      this.inLedger = grown(this.inLedger, slot + 1);
      this.revision = grown(this.revision, slot + 1);
      this.firstAppend = grown(this.firstAppend, slot + 1);
      this.lastAppend = grown(this.lastAppend, slot + 1);
      this.inLedger[slot] = current ?? NONE;
      this.firstAppend[slot] = append;
    } else this.next[this.lastAppend[slot]!] = append;
    this.lastAppend[slot] = append;
    this.revision[slot] = revision;
  }

  /** Where the stream's appends are in the spool, in order. */
  *appendsOf(stream: string): Generator<SpoolRef> {
    const slot = this.slots.get(stream);
    if (slot === undefined) return;
    for (let a = this.firstAppend[slot]!; a !== NONE; a = this.next[a]!)
      yield { offset: this.offset[a]!, length: this.length[a]! };
  }
}
