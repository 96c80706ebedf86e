// The duplicate finder's memory: key → the first row that had it, for a million keys.
/**
 * Key → first row, for a million keys: open addressing over typed arrays (a JS Map of a million
 * strings costs ~60 MB and several seconds; this costs ~30 MB and a fraction of that). Each slot
 * holds its entry and its key's hash side by side, so a probe reads one cache line and compares
 * numbers; a key string — a cache miss among a million scattered strings — is read only when the
 * hashes agree.
 */
export class KeyIndex {
  private keys: string[] = [];
  private values = new Int32Array(1024);
  /** Slot s: [2s] = 1 + the entry's index (0: empty), [2s + 1] = its key's hash. */
  private slots = new Int32Array(2 * 2048);
  private mask = 2047;

  private static hash(key: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    return h | 0;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The value of key if it is there; else adds key with `value` and returns -1 (one probe for both). */
  getOrAdd(key: string, value: number): number {
    const h = KeyIndex.hash(key);
    const slots = this.slots;
    let slot = h & this.mask;
    for (;;) {
      const entry = slots[2 * slot]!;
      if (entry === 0) break;
      if (slots[2 * slot + 1] === h && this.keys[entry - 1] === key) return this.values[entry - 1]!;
      slot = (slot + 1) & this.mask;
    }
    const n = this.keys.length;
    if (n >= this.values.length) {
      const bigger = new Int32Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.keys.push(key);
    this.values[n] = value;
    if ((n + 1) * 2 > this.mask + 1) this.grow();
    this.place(h, n + 1);
    return -1;
  }

  private place(hash: number, entry: number): void {
    const slots = this.slots;
    let slot = hash & this.mask;
    while (slots[2 * slot] !== 0) slot = (slot + 1) & this.mask;
    slots[2 * slot] = entry;
    slots[2 * slot + 1] = hash;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = old.length - 1;
    for (let s = 0; s < old.length; s += 2) if (old[s] !== 0) this.place(old[s + 1]!, old[s]!);
  }
}
