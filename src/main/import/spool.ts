// The checked rows of a file between the import's two passes: the first reads, checks and
// compares every row with no write transaction open; the second writes them in one short
// transaction. In between they wait in a temporary file (a file has up to a million rows; main's
// memory stays flat), one serialized batch after another, and are read back in the same order.
// The file is removed when the import ends; one left by a killed process is removed by the next
// import once its process is gone.
import { closeSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { processAlive } from '../util/user-path';
import type { RowResult } from './rows';

const PREFIX = 'placement-import-rows-';

/** Removes spools left by imports whose process no longer runs (killed mid-import). */
export function sweepSpools(dir = tmpdir()): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = new RegExp(`^${PREFIX}(\\d+)-[0-9a-f]+\\.bin$`).exec(name);
    if (m && Number(m[1]) !== process.pid && !processAlive(Number(m[1]))) rmSync(join(dir, name), { force: true });
  }
}

export class RowSpool {
  readonly path: string;
  private fd: number | null;
  private written = 0;
  batches = 0;

  constructor(dir = tmpdir()) {
    this.path = join(dir, `${PREFIX}${process.pid}-${randomBytes(6).toString('hex')}.bin`);
    this.fd = openSync(this.path, 'wx+', 0o600);
  }

  /** Keeps a batch as it is now (before the ledger side marks anything in it). */
  add(rows: readonly RowResult[]): void {
    const body = serialize(rows);
    const head = Buffer.alloc(4);
    head.writeUInt32LE(body.length, 0);
    writeSync(this.fd!, head, 0, 4, this.written);
    writeSync(this.fd!, body, 0, body.length, this.written + 4);
    this.written += 4 + body.length;
    this.batches++;
  }

  /** The batches, in the order they were added. */
  *read(): Generator<RowResult[]> {
    const head = Buffer.alloc(4);
    for (let at = 0; at < this.written;) {
      readSync(this.fd!, head, 0, 4, at);
      const length = head.readUInt32LE(0);
      const body = Buffer.allocUnsafe(length);
      let got = 0;
      while (got < length) got += readSync(this.fd!, body, got, length - got, at + 4 + got);
      at += 4 + length;
      yield deserialize(body) as RowResult[];
    }
  }

  dispose(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = null;
    }
    rmSync(this.path, { force: true });
  }
}
