/**
 * The command ids seen on a stream, as 32-bit fingerprints (FNV-1a of the id) in an
 * open-addressing table: four bytes per id instead of a set entry and the id string, and no
 * per-id allocation. A fingerprint can collide, so `mightHave` can say yes to an id that is
 * not there, never no to one that is: the handler confirms a yes against the stream itself.
 */
export class CommandIdFingerprints {
  /** 0 marks an empty slot; fingerprints are never 0. */
  private slots = new Int32Array(8);
  private count = 0;

  static of(commandId: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < commandId.length; i++) h = Math.imul(h ^ commandId.charCodeAt(i), 0x01000193);
    return h === 0 ? 1 : h | 0;
  }

  get size(): number {
    return this.count;
  }

  mightHave(fingerprint: number): boolean {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = spread(fingerprint) & mask; ; i = (i + 1) & mask) {
      const slot = slots[i]!;
      if (slot === fingerprint) return true;
      if (slot === 0) return false;
    }
  }

  add(fingerprint: number): void {
    if (this.insert(this.slots, fingerprint)) this.count += 1;
    // Kept at most half full, so probes stay short and there is always an empty slot.
    if (this.count * 2 > this.slots.length) {
      const larger = new Int32Array(this.slots.length * 2);
      for (const slot of this.slots) if (slot !== 0) this.insert(larger, slot);
      this.slots = larger;
    }
  }

  /** True when the fingerprint was not there yet. */
  private insert(slots: Int32Array, fingerprint: number): boolean {
    const mask = slots.length - 1;
    for (let i = spread(fingerprint) & mask; ; i = (i + 1) & mask) {
      const slot = slots[i]!;
      if (slot === fingerprint) return false;
      if (slot === 0) {
        slots[i] = fingerprint;
        return true;
      }
    }
  }
}

/** Mixes the high bits into the low ones, which pick the slot. */
const spread = (h: number): number => h ^ (h >>> 16);
