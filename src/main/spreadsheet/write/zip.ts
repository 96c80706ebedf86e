// A small sequential zip writer (deflate, UTF-8 names, no zip64) writing straight to a file.
// Entries are either small parts compressed at once, or parts assembled from raw-deflate
// segments compressed elsewhere (a sheet: beginning + streamed body + end), whose sizes and CRC
// are known before the local header is written — so no data descriptors are needed.
import { closeSync, openSync, readSync, writeSync, fsyncSync } from 'node:fs';
import { constants as zc, crc32, deflateRawSync } from 'node:zlib';

export const DEFLATE_LEVEL = 6;

/** Bytes of compressed data: in memory, or a range of a temporary file. */
export type CompressedPart = Buffer | { fd: number; length: number };

export interface ZipEntryData {
  name: string;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  parts: readonly CompressedPart[];
}

interface CentralRecord {
  name: Buffer;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
}

const LIMIT = 0xffffffff;

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getFullYear());
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export class ZipFileWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly central: CentralRecord[] = [];
  private readonly stamp = dosDateTime(new Date());
  private closed = false;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'wx');
  }

  private write(buffer: Buffer): void {
    let written = 0;
    while (written < buffer.length) written += writeSync(this.fd, buffer, written, buffer.length - written, null);
    this.offset += buffer.length;
  }

  /** A part given whole (XML text or bytes), compressed now. */
  addSmall(name: string, content: string | Buffer, level = DEFLATE_LEVEL): void {
    const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const compressed = deflateRawSync(raw, { level });
    this.addAssembled({ name, crc: crc32(raw), compressedSize: compressed.length, uncompressedSize: raw.length, parts: [compressed] });
  }

  /** A part whose compressed bytes were produced elsewhere (a valid raw-deflate stream when concatenated). */
  addAssembled(entry: ZipEntryData): void {
    if (this.closed) throw new Error('zip already closed');
    if (entry.compressedSize > LIMIT || entry.uncompressedSize > LIMIT) {
      throw new Error(`zip part ${entry.name} is larger than 4 GB (zip64 is not supported)`);
    }
    const name = Buffer.from(entry.name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    header.writeUInt32LE(entry.crc >>> 0, 14);
    header.writeUInt32LE(entry.compressedSize, 18);
    header.writeUInt32LE(entry.uncompressedSize, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    const offset = this.offset;
    this.write(header);
    this.write(name);
    let copied = 0;
    for (const part of entry.parts) {
      if (Buffer.isBuffer(part)) {
        this.write(part);
        copied += part.length;
      } else {
        const chunk = Buffer.allocUnsafe(1 << 20);
        let position = 0;
        while (position < part.length) {
          const n = readSync(part.fd, chunk, 0, Math.min(chunk.length, part.length - position), position);
          if (n <= 0) throw new Error('temporary sheet file ended early');
          this.write(chunk.subarray(0, n));
          position += n;
        }
        copied += part.length;
      }
    }
    if (copied !== entry.compressedSize)
      throw new Error(`zip part ${entry.name}: ${copied} bytes written, ${entry.compressedSize} announced`);
    this.central.push({ name, crc: entry.crc, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize, offset });
  }

  /** Writes the central directory, flushes to disk and closes the file. */
  close(): void {
    if (this.closed) return;
    const start = this.offset;
    for (const record of this.central) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x0800, 8);
      header.writeUInt16LE(8, 10);
      header.writeUInt16LE(this.stamp.time, 12);
      header.writeUInt16LE(this.stamp.date, 14);
      header.writeUInt32LE(record.crc >>> 0, 16);
      header.writeUInt32LE(record.compressedSize, 20);
      header.writeUInt32LE(record.uncompressedSize, 24);
      header.writeUInt16LE(record.name.length, 28);
      // extra, comment, disk, internal attributes: 0
      header.writeUInt32LE(0, 38); // external attributes
      header.writeUInt32LE(record.offset, 42);
      this.write(header);
      this.write(record.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.central.length, 8);
    end.writeUInt16LE(this.central.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.closed = true;
  }

  /** Closes the file without finishing it (the caller removes it). */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      // already gone
    }
  }
}

/** Raw deflate of a text that other segments will follow (byte-aligned, not final). */
export function deflateSegment(text: string, level = DEFLATE_LEVEL): { raw: Buffer; compressed: Buffer } {
  const raw = Buffer.from(text, 'utf8');
  return { raw, compressed: deflateRawSync(raw, { level, finishFlush: zc.Z_SYNC_FLUSH }) };
}

/** Raw deflate of the last segment of a part (final block). */
export function deflateFinal(text: string, level = DEFLATE_LEVEL): { raw: Buffer; compressed: Buffer } {
  const raw = Buffer.from(text, 'utf8');
  return { raw, compressed: deflateRawSync(raw, { level }) };
}
