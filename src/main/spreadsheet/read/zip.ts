// A lean ZIP reader for .xlsx packages: the central directory (with ZIP64), each part streamed
// through zlib's inflateRaw with its declared size and compression ratio checked BEFORE inflating
// and enforced WHILE inflating (a part that inflates past its declared size is a bomb or a lie),
// and its CRC-32 checked at the end. No third-party code; nothing is inflated that is not read.
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { crc32, createInflateRaw } from 'node:zlib';
import { isCallerError, SpreadsheetError } from '../errors';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export interface ZipLimits {
  /** Largest declared size of one part. */
  maxEntryBytes: number;
  /** Largest declared size of all parts together. */
  maxTotalBytes: number;
  /** Parts bigger than ratioFloorBytes may not inflate more than this many times their size. */
  maxRatio: number;
  ratioFloorBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 3 * 1024 * 1024 * 1024,
  maxTotalBytes: 6 * 1024 * 1024 * 1024,
  maxRatio: 250,
  ratioFloorBytes: 32 * 1024 * 1024,
  maxEntries: 20_000,
};

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function corrupt(reason: string, fileName: string): SpreadsheetError {
  return new SpreadsheetError('corrupt', `${fileName}: ${reason}`, { file: fileName, reason });
}

export class ZipArchive {
  private constructor(
    readonly path: string,
    readonly fileName: string,
    readonly fileSize: number,
    readonly entries: ReadonlyMap<string, ZipEntry>,
    private readonly limits: ZipLimits,
  ) {}

  /** Reads the central directory; refuses archives that are cut short, inconsistent or bombs. */
  static async open(path: string, fileName: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipArchive> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size < 22) throw corrupt('shorter than a zip directory', fileName);
      const tailLength = Math.min(size, 65_557);
      const tail = Buffer.alloc(tailLength);
      await readExactly(handle, tail, size - tailLength);
      let eocd = -1;
      for (let i = tailLength - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === EOCD) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) throw corrupt('no end of central directory (the archive is cut short or not a zip)', fileName);
      let entriesCount = tail.readUInt16LE(eocd + 10);
      let cdSize = tail.readUInt32LE(eocd + 12);
      let cdOffset = tail.readUInt32LE(eocd + 16);
      if (entriesCount === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
        const locatorAt = eocd - 20;
        if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== EOCD64_LOCATOR) throw corrupt('zip64 locator missing', fileName);
        const eocd64Offset = Number(tail.readBigUInt64LE(locatorAt + 8));
        if (eocd64Offset + 56 > size) throw corrupt('zip64 directory outside the file', fileName);
        const record = Buffer.alloc(56);
        await readExactly(handle, record, eocd64Offset);
        if (record.readUInt32LE(0) !== EOCD64) throw corrupt('zip64 directory signature', fileName);
        entriesCount = Number(record.readBigUInt64LE(32));
        cdSize = Number(record.readBigUInt64LE(40));
        cdOffset = Number(record.readBigUInt64LE(48));
      }
      if (entriesCount > limits.maxEntries) throw corrupt(`${entriesCount} parts`, fileName);
      if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) throw corrupt('central directory outside the file', fileName);
      const cd = Buffer.alloc(cdSize);
      await readExactly(handle, cd, cdOffset);
      const entries = new Map<string, ZipEntry>();
      let total = 0;
      let p = 0;
      for (let n = 0; n < entriesCount; n++) {
        if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw corrupt('central directory entry', fileName);
        const flags = cd.readUInt16LE(p + 8);
        const method = cd.readUInt16LE(p + 10);
        const crc = cd.readUInt32LE(p + 16);
        let compressedSize = cd.readUInt32LE(p + 20);
        let uncompressed = cd.readUInt32LE(p + 24);
        const nameLength = cd.readUInt16LE(p + 28);
        const extraLength = cd.readUInt16LE(p + 30);
        const commentLength = cd.readUInt16LE(p + 32);
        let localHeaderOffset = cd.readUInt32LE(p + 42);
        if (p + 46 + nameLength + extraLength + commentLength > cd.length) throw corrupt('central directory entry', fileName);
        const nameBytes = cd.subarray(p + 46, p + 46 + nameLength);
        const name = (flags & 0x800 ? nameBytes.toString('utf8') : nameBytes.toString('latin1')).replace(/\\/g, '/');
        // ZIP64 extra field: the sizes and offset that did not fit.
        let e = p + 46 + nameLength;
        const extraEnd = e + extraLength;
        while (e + 4 <= extraEnd) {
          const id = cd.readUInt16LE(e);
          const len = cd.readUInt16LE(e + 2);
          if (id === 0x0001) {
            let q = e + 4;
            if (uncompressed === 0xffffffff && q + 8 <= e + 4 + len) {
              uncompressed = Number(cd.readBigUInt64LE(q));
              q += 8;
            }
            if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
              compressedSize = Number(cd.readBigUInt64LE(q));
              q += 8;
            }
            if (localHeaderOffset === 0xffffffff && q + 8 <= e + 4 + len) localHeaderOffset = Number(cd.readBigUInt64LE(q));
          }
          e += 4 + len;
        }
        p = extraEnd + commentLength;
        if (name.endsWith('/')) continue;
        if (localHeaderOffset + 30 > size || localHeaderOffset + compressedSize > size)
          throw corrupt(`part ${name} lies outside the file`, fileName);
        const entry: ZipEntry = { name, method, flags, crc, compressedSize, size: uncompressed, localHeaderOffset };
        entries.set(name.replace(/^\//, ''), entry);
        total += uncompressed;
      }
      if (total > limits.maxTotalBytes) {
        throw new SpreadsheetError('zip_bomb', `${fileName}: parts declare ${total} bytes`, { file: fileName, bytes: total });
      }
      return new ZipArchive(path, fileName, size, entries, limits);
    } finally {
      await handle.close();
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Case-insensitive lookup (some writers use other casing for part names). */
  find(name: string): ZipEntry | undefined {
    const exact = this.entries.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const [key, entry] of this.entries) if (key.toLowerCase() === lower) return entry;
    return undefined;
  }

  private check(entry: ZipEntry): void {
    if (entry.flags & 0x1) {
      throw new SpreadsheetError('encrypted', `${this.fileName}: part ${entry.name} is encrypted`, { file: this.fileName });
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw new SpreadsheetError(
        'unsupported_compression',
        `${this.fileName}: part ${entry.name} uses compression method ${entry.method}`,
        {
          file: this.fileName,
          method: entry.method,
        },
      );
    }
    const ratio = entry.size / Math.max(1, entry.compressedSize);
    if (entry.size > this.limits.maxEntryBytes || (entry.size > this.limits.ratioFloorBytes && ratio > this.limits.maxRatio)) {
      throw new SpreadsheetError(
        'zip_bomb',
        `${this.fileName}: part ${entry.name} declares ${entry.size} bytes from ${entry.compressedSize}`,
        {
          file: this.fileName,
          bytes: entry.size,
        },
      );
    }
    if (entry.method === 0 && entry.size !== entry.compressedSize) throw corrupt(`stored part ${entry.name} sizes differ`, this.fileName);
  }

  private async dataStart(entry: ZipEntry): Promise<number> {
    const handle = await open(this.path, 'r');
    try {
      const header = Buffer.alloc(30);
      await readExactly(handle, header, entry.localHeaderOffset);
      if (header.readUInt32LE(0) !== LOCAL) throw corrupt(`local header of ${entry.name}`, this.fileName);
      const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      if (start + entry.compressedSize > this.fileSize) throw corrupt(`part ${entry.name} is cut short`, this.fileName);
      return start;
    } finally {
      await handle.close();
    }
  }

  /**
   * Streams a part's inflated bytes to `onChunk`. `onChunk` may return false to stop early (the
   * rest is not inflated). Throws zip_bomb when the part inflates past its declared size
   * and corrupt on a bad stream or CRC.
   */
  async stream(entry: ZipEntry, onChunk: (chunk: Buffer) => boolean | void | Promise<boolean | void>, signal?: AbortSignal): Promise<void> {
    this.check(entry);
    const start = await this.dataStart(entry);
    if (entry.compressedSize === 0) {
      if (entry.size !== 0) throw corrupt(`part ${entry.name} is empty`, this.fileName);
      return;
    }
    const raw = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1024 * 1024 });
    const source = entry.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: 256 * 1024 })) : raw;
    let produced = 0;
    let crc = 0;
    let stopped = false;
    const destroy = () => {
      raw.destroy();
      if (source !== raw) source.destroy();
    };
    raw.on('error', () => undefined);
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        if (signal?.aborted) {
          stopped = true;
          break;
        }
        produced += chunk.length;
        if (produced > entry.size) {
          throw new SpreadsheetError('zip_bomb', `${this.fileName}: part ${entry.name} inflates past its declared ${entry.size} bytes`, {
            file: this.fileName,
            bytes: entry.size,
          });
        }
        crc = crc32(chunk, crc);
        const more = await onChunk(chunk);
        if (more === false) {
          stopped = true;
          break;
        }
      }
    } catch (error) {
      destroy();
      if (isCallerError(error)) throw error;
      throw corrupt(`part ${entry.name}: ${(error as Error).message}`, this.fileName);
    }
    destroy();
    if (stopped) return;
    if (produced !== entry.size) throw corrupt(`part ${entry.name} inflates to ${produced} bytes, declared ${entry.size}`, this.fileName);
    if (crc >>> 0 !== entry.crc >>> 0) throw corrupt(`part ${entry.name} fails its CRC check`, this.fileName);
  }

  /** A whole (small) part in memory; refused above maxBytes. */
  async read(entry: ZipEntry, maxBytes = 64 * 1024 * 1024): Promise<Buffer> {
    if (entry.size > maxBytes) {
      throw new SpreadsheetError('part_too_large', `${this.fileName}: part ${entry.name} is ${entry.size} bytes`, {
        file: this.fileName,
        bytes: entry.size,
      });
    }
    const chunks: Buffer[] = [];
    await this.stream(entry, (chunk) => {
      chunks.push(chunk);
    });
    return Buffer.concat(chunks);
  }
}

async function readExactly(handle: FileHandle, buffer: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buffer.length) {
    const { bytesRead } = await handle.read(buffer, done, buffer.length - done, position + done);
    if (bytesRead === 0) throw new Error('unexpected end of file');
    done += bytesRead;
  }
}
