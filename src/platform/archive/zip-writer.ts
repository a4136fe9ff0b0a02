import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { Sealer } from '../crypto/sealed-file.js';
import {
  METHOD_DEFLATED,
  METHOD_STORED,
  centralDirectoryHeader,
  dataDescriptor,
  endOfCentralDirectory,
  localFileHeader,
  type ZipEntryRecord,
} from './zip-records.js';

/** One entry as written: its path in the archive, SHA-256 (hex) and size of its uncompressed bytes. */
export interface ZipWrittenEntry {
  path: string;
  sha256: string;
  size: number;
}

export interface ZipWriter {
  /**
   * Writes one entry into the zip, hashing it on the way, and resolves once it is written.
   * Entries are written one after the other, so only one is ever in flight.
   */
  add(
    path: string,
    content: AsyncIterable<string | Buffer> | Buffer,
    options?: { compress?: boolean },
  ): Promise<ZipWrittenEntry>;
  /**
   * Writes the central directory and closes the file; resolves with the zip's size in bytes
   * (before encryption, when sealed).
   */
  finish(): Promise<number>;
  /** Stops writing after a failure and closes the file; the partial file is the caller's to remove. */
  abort(error: Error): Promise<void>;
}

/** Output is gathered into writes of about this size (one `writev` each). */
const WRITE_BATCH_BYTES = 1 << 20;

/**
 * A streaming ZIP written to `filePath` with Node's own CRC-32 (zlib.crc32), SHA-256 and deflate,
 * in one pass over each entry's bytes: the returned hash and size describe exactly what was
 * written. Output goes out in batches of about 1 MB, at most one batch being written while the
 * next fills, so the bytes held do not depend on the size or number of entries. With a `sealer`
 * the file is encrypted batch by batch on its way to the disk (evidence packs at rest); offsets inside the
 * zip are those of the plaintext.
 */
export async function createZipWriter(
  filePath: string,
  mtime: Date,
  { sealer }: { sealer?: Sealer } = {},
): Promise<ZipWriter> {
  const handle = await fs.promises.open(filePath, 'wx', 0o600);
  const entries: ZipEntryRecord[] = [];
  let offset = 0;
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let writing: Promise<void> = Promise.resolve();
  let failure: Error | null = null;

  // Encrypting is synchronous and in order, so batches stay in sequence however writes overlap.
  const writeAll = (buffers: Buffer[]) =>
    writeAllOf(handle, sealer ? buffers.map((buffer) => sealer.update(buffer)) : buffers);
  /** Hands the batch to the disk; waits for the previous batch first (one write in flight). */
  const flush = async () => {
    await writing;
    if (batchBytes === 0) return;
    const buffers = batch;
    batch = [];
    batchBytes = 0;
    writing = writeAll(buffers);
    // Awaited by the next flush; a failure also fails the entry being added.
    writing.catch((error: unknown) => {
      failure ??= error instanceof Error ? error : new Error(String(error));
    });
  };
  if (sealer) {
    writing = writeAllOf(handle, [sealer.header]);
    writing.catch((error: unknown) => {
      failure ??= error instanceof Error ? error : new Error(String(error));
    });
  }
  const push = async (bytes: Buffer) => {
    if (failure) throw failure;
    batch.push(bytes);
    batchBytes += bytes.length;
    offset += bytes.length;
    if (batchBytes >= WRITE_BATCH_BYTES) await flush();
  };

  return {
    async add(path, content, options = {}) {
      if (failure) throw failure;
      const compress = options.compress ?? true;
      const nameBytes = Buffer.from(path, 'utf8');
      const localHeaderOffset = offset;
      await push(localFileHeader(nameBytes, compress ? METHOD_DEFLATED : METHOD_STORED, mtime));
      const dataOffset = offset;
      const hash = createHash('sha256');
      let crc32 = 0;
      let size = 0;
      const measured = async function* () {
        for await (const chunk of Buffer.isBuffer(content) ? [content] : content) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          hash.update(bytes);
          crc32 = zlib.crc32(bytes, crc32);
          size += bytes.length;
          yield bytes;
        }
      };
      if (compress) {
        await pipeline(Readable.from(measured()), zlib.createDeflateRaw(), async (deflated) => {
          for await (const chunk of deflated as AsyncIterable<Buffer>) await push(chunk);
        });
      } else {
        for await (const chunk of measured()) await push(chunk);
      }
      const entry: ZipEntryRecord = {
        nameBytes,
        method: compress ? METHOD_DEFLATED : METHOD_STORED,
        crc32,
        compressedSize: offset - dataOffset,
        uncompressedSize: size,
        localHeaderOffset,
      };
      await push(dataDescriptor(entry));
      entries.push(entry);
      return { path, sha256: hash.digest('hex'), size };
    },

    async finish() {
      const directoryOffset = offset;
      for (const entry of entries) await push(centralDirectoryHeader(entry, mtime));
      const directorySize = offset - directoryOffset;
      await push(endOfCentralDirectory(entries.length, directorySize, directoryOffset));
      await flush();
      await writing;
      if (failure) throw failure;
      if (sealer) await writeAllOf(handle, [sealer.final()]);
      await handle.close();
      return offset;
    },

    async abort(error) {
      failure ??= error;
      await writing.catch(() => undefined);
      await handle.close().catch(() => undefined);
    },
  };
}

async function writeAllOf(handle: fs.promises.FileHandle, buffers: Buffer[]): Promise<void> {
  let rest = buffers;
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest);
    if (bytesWritten === 0) throw new Error('The zip file accepts no more bytes');
    rest = skipBytes(rest, bytesWritten);
  }
}

/** What is left of `buffers` after the first `count` bytes were written. */
function skipBytes(buffers: Buffer[], count: number): Buffer[] {
  let remaining = count;
  let index = 0;
  while (index < buffers.length && remaining >= buffers[index]!.length) {
    remaining -= buffers[index]!.length;
    index += 1;
  }
  const rest = buffers.slice(index);
  if (rest.length > 0 && remaining > 0) rest[0] = rest[0]!.subarray(remaining);
  return rest;
}
