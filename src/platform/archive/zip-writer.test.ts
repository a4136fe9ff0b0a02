import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { createZipWriter } from './zip-writer.js';
import {
  MAX_16,
  MAX_32,
  centralDirectoryHeader,
  dataDescriptor,
  endOfCentralDirectory,
  type ZipEntryRecord,
} from './zip-records.js';

interface ReadEntry {
  bytes: Buffer;
  crc32: number;
  method: number;
  mtime: Date;
}

/** Every entry as yauzl (the reader `pack verify` uses) sees it, sizes validated. */
async function readAll(file: string): Promise<{ entries: Map<string, ReadEntry>; count: number }> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, validateEntrySizes: true });
  const entries = new Map<string, ReadEntry>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry))
        chunks.push(chunk as Buffer);
      entries.set(entry.fileName, {
        bytes: Buffer.concat(chunks),
        crc32: entry.crc32,
        method: entry.compressionMethod,
        mtime: entry.getLastModDate(),
      });
    }
    return { entries, count: zip.entryCount };
  } finally {
    zip.close();
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) {
    chunks.push(bytes.subarray(start, start + size));
  }
  return Readable.from(chunks);
}

describe('zip writer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-zip-'));
  const mtime = new Date(2027, 0, 10, 12, 30, 14);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes stored and deflated entries that read back byte for byte, with hash and CRC-32', async () => {
    const file = path.join(dir, 'mixed.zip');
    const large = randomBytes(3 * 1024 * 1024 + 17);
    const text = 'name,value\n'.repeat(20_000);
    const writer = await createZipWriter(file, mtime);
    const written = [
      await writer.add('public-key.pem', Buffer.from('key')),
      await writer.add('registers/assets.csv', chunked(Buffer.from(text), 4096)),
      await writer.add('evidence/ÄÖ ü/large.bin', chunked(large, 1 << 20), { compress: false }),
      await writer.add('empty.txt', Buffer.alloc(0), { compress: false }),
      await writer.add('strings.txt', Readable.from(['a', 'é'])),
    ];
    const size = await writer.finish();

    expect(size).toBe(fs.statSync(file).size);
    expect(written[2]).toEqual({
      path: 'evidence/ÄÖ ü/large.bin',
      sha256: sha256(large),
      size: large.length,
    });
    expect(written[4]).toMatchObject({ sha256: sha256(Buffer.from('aé')), size: 3 });
    const { entries, count } = await readAll(file);
    expect(count).toBe(5);
    expect([...entries.keys()]).toEqual(written.map((entry) => entry.path));
    expect(entries.get('registers/assets.csv')!.bytes.toString()).toBe(text);
    expect(entries.get('registers/assets.csv')!.method).toBe(8);
    expect(fs.statSync(file).size).toBeLessThan(large.length + text.length / 10);
    expect(entries.get('evidence/ÄÖ ü/large.bin')!.method).toBe(0);
    for (const [name, entry] of entries) {
      const expected = written.find((item) => item.path === name)!;
      expect(sha256(entry.bytes)).toBe(expected.sha256);
      expect(entry.crc32).toBe(zlib.crc32(entry.bytes));
      expect(entry.mtime.getTime()).toBe(mtime.getTime());
    }
    // Info-ZIP checks every entry's CRC-32 against its data.
    expect(execFileSync('unzip', ['-t', file]).toString()).toContain('No errors detected');
  });

  it('switches to ZIP64 end records past 65,535 entries', async () => {
    const file = path.join(dir, 'many.zip');
    const writer = await createZipWriter(file, mtime);
    const total = MAX_16 + 10;
    for (let index = 0; index < total; index += 1) {
      await writer.add(`f/${index}`, Buffer.from(String(index)), { compress: false });
    }
    await writer.finish();
    // yauzl walks the whole central directory; only the last entry is read back (reading all
    // 65,545 took 15 s): `unzip -t` below checks every entry's bytes against its CRC.
    const zip = await yauzl.openPromise(file, { lazyEntries: true, validateEntrySizes: true });
    let walked = 0;
    let last = '';
    try {
      for await (const entry of zip.eachEntry()) {
        walked += 1;
        if (entry.fileName !== `f/${total - 1}`) continue;
        for await (const chunk of await zip.openReadStreamPromise(entry))
          last += (chunk as Buffer).toString();
      }
      expect(zip.entryCount).toBe(total);
    } finally {
      zip.close();
    }
    expect(walked).toBe(total);
    expect(last).toBe(String(total - 1));
    expect(execFileSync('unzip', ['-tq', file]).toString()).toContain('No errors detected');
  }, 120_000);

  it('gives sizes and offsets past 4 GiB in ZIP64 fields, in the order the format sets', () => {
    const entry: ZipEntryRecord = {
      nameBytes: Buffer.from('big.bin'),
      method: 0,
      crc32: 0x12345678,
      compressedSize: 5 * 2 ** 30,
      uncompressedSize: 5 * 2 ** 30,
      localHeaderOffset: 6 * 2 ** 30,
    };
    const descriptor = dataDescriptor(entry);
    expect(descriptor.length).toBe(24);
    expect(descriptor.readBigUInt64LE(8)).toBe(BigInt(entry.compressedSize));

    const header = centralDirectoryHeader(entry, mtime);
    expect(header.readUInt16LE(6)).toBe(45);
    expect(header.readUInt32LE(20)).toBe(MAX_32);
    expect(header.readUInt32LE(24)).toBe(MAX_32);
    expect(header.readUInt32LE(42)).toBe(MAX_32);
    const extra = header.subarray(46 + entry.nameBytes.length);
    expect(extra.readUInt16LE(0)).toBe(0x0001);
    expect(extra.readUInt16LE(2)).toBe(24);
    expect(extra.readBigUInt64LE(4)).toBe(BigInt(entry.uncompressedSize));
    expect(extra.readBigUInt64LE(12)).toBe(BigInt(entry.compressedSize));
    expect(extra.readBigUInt64LE(20)).toBe(BigInt(entry.localHeaderOffset));

    // Only the field that overflows is moved: here the offset alone.
    const small = { ...entry, compressedSize: 10, uncompressedSize: 10 };
    const offsetOnly = centralDirectoryHeader(small, mtime).subarray(46 + entry.nameBytes.length);
    expect(offsetOnly.readUInt16LE(2)).toBe(8);
    expect(offsetOnly.readBigUInt64LE(4)).toBe(BigInt(entry.localHeaderOffset));
    expect(dataDescriptor(small).length).toBe(16);

    const end = endOfCentralDirectory(3, 200, 6 * 2 ** 30);
    expect(end.readUInt32LE(0)).toBe(0x06064b50);
    expect(end.readBigUInt64LE(48)).toBe(BigInt(6 * 2 ** 30));
    expect(end.readUInt32LE(56)).toBe(0x07064b50);
    expect(end.readBigUInt64LE(64)).toBe(BigInt(6 * 2 ** 30 + 200));
    expect(end.readUInt32LE(76)).toBe(0x06054b50);
    expect(end.readUInt32LE(76 + 16)).toBe(MAX_32);
    expect(endOfCentralDirectory(3, 200, 1000).length).toBe(22);
  });

  it('refuses to overwrite a file and fails the entry whose source fails', async () => {
    const file = path.join(dir, 'exists.zip');
    fs.writeFileSync(file, 'x');
    await expect(createZipWriter(file, mtime)).rejects.toThrow(/EEXIST/);

    const broken = path.join(dir, 'broken.zip');
    const writer = await createZipWriter(broken, mtime);
    const failing = new Readable({
      read() {
        this.push(Buffer.from('partial'));
        this.destroy(new Error('source failed'));
      },
    });
    await expect(writer.add('a.bin', failing, { compress: false })).rejects.toThrow(
      'source failed',
    );
    await writer.abort(new Error('source failed'));
    await expect(writer.add('b.bin', Buffer.from('b'))).rejects.toThrow('source failed');
  });
});
