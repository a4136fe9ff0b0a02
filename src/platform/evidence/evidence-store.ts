import {
  createCipheriv,
  createDecipheriv,
  createHash,
  hkdfSync,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.js';
import { prefetchFirst } from './prefetch-first.js';

/** File layout: magic, 12-byte IV, AES-256-GCM ciphertext, 16-byte authentication tag. */
const MAGIC = Buffer.from('PLEV1\n');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + IV_BYTES;
/** Large reads: most evidence files are read whole in one system call. */
const READ_CHUNK_BYTES = 1 << 20;

export interface StoredEvidence {
  /** SHA-256 of the plaintext, hex: the file's identity. */
  sha256: string;
  sizeBytes: number;
  /** Path of the encrypted file relative to the store root (`ab/cd/<sha256>.enc`). */
  storageKey: string;
}

/**
 * Evidence files at rest: content-addressed by the SHA-256 of their plaintext and encrypted with
 * AES-256-GCM under a key derived from the instance key. Files are streamed in and out, never
 * held whole in memory.
 */
export interface EvidenceStore {
  readonly maxBytes: number;
  /**
   * Hashes and encrypts a stream into a temporary file and moves it into place. Refuses a stream
   * longer than `maxBytes` (413) and leaves nothing behind.
   */
  put(source: Readable): Promise<StoredEvidence>;
  /** The decrypted content; the stream errors if the file was altered. */
  open(storageKey: string): Promise<Readable>;
  /**
   * The decrypted content in chunks of up to `chunkBytes` (1 MB), read with one file handle and
   * one reused buffer; the iteration throws if the file was altered (checked at its end).
   */
  chunks(storageKey: string, chunkBytes?: number): AsyncIterable<Buffer>;
  /** Absolute path of a stored file (backups, tests). */
  pathOf(storageKey: string): string;
}

export function tooLarge(maxBytes: number): AppError {
  const megabytes = Math.round((maxBytes / 1024 / 1024) * 100) / 100;
  return new AppError(
    'payload_too_large',
    `The file is larger than the ${megabytes} MB evidence limit (PLUMBLINE_EVIDENCE_MAX_MB); nothing was stored`,
    { details: { maxBytes } },
  );
}

/** A separate key for evidence, so the instance key is never used directly for two purposes. */
export function deriveEvidenceKey(instanceKey: Buffer): Buffer {
  return Buffer.from(
    hkdfSync('sha256', instanceKey, Buffer.alloc(0), 'plumbline/evidence-files/v1', 32),
  );
}

const STORAGE_KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.enc$/;

export function createEvidenceStore(options: {
  dir: string;
  instanceKey: Buffer;
  maxBytes: number;
}): EvidenceStore {
  const key = deriveEvidenceKey(options.instanceKey);
  const root = path.resolve(options.dir);
  const pathOf = (storageKey: string) => {
    if (!STORAGE_KEY_PATTERN.test(storageKey)) throw new Error('Malformed evidence storage key');
    return path.join(root, storageKey);
  };

  return {
    maxBytes: options.maxBytes,
    pathOf,

    async put(source) {
      const tempDir = path.join(root, 'tmp');
      await fs.promises.mkdir(tempDir, { recursive: true });
      const tempPath = path.join(tempDir, `${randomUUID()}.part`);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const hash = createHash('sha256');
      let sizeBytes = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          sizeBytes += chunk.length;
          if (sizeBytes > options.maxBytes) {
            callback(tooLarge(options.maxBytes));
            return;
          }
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      try {
        const out = fs.createWriteStream(tempPath, { flags: 'wx', mode: 0o600 });
        await pipeline(
          source,
          measure,
          cipher,
          async function* (encrypted: AsyncIterable<Buffer>) {
            yield Buffer.concat([MAGIC, iv]);
            for await (const chunk of encrypted) yield chunk;
          },
          out,
        );
        await fs.promises.appendFile(tempPath, cipher.getAuthTag());
        const sha256 = hash.digest('hex');
        const storageKey = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}.enc`;
        const finalPath = pathOf(storageKey);
        await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
        // Same content, same name: a file already stored is kept and the new copy dropped.
        if (fs.existsSync(finalPath)) await fs.promises.rm(tempPath, { force: true });
        else await fs.promises.rename(tempPath, finalPath);
        return { sha256, sizeBytes, storageKey };
      } catch (error) {
        await fs.promises.rm(tempPath, { force: true });
        // Drain what the client still sends, so the refusal reaches it cleanly.
        source.resume();
        throw error;
      }
    },

    async open(storageKey) {
      // The first chunk is read now, so a missing, truncated or foreign file rejects here.
      const content = prefetchFirst(chunks(storageKey));
      await content.first;
      return Readable.from(content);
    },

    chunks,
  };

  async function* chunks(storageKey: string, chunkBytes = READ_CHUNK_BYTES) {
    // Opening, stat and closing are synchronous: metadata calls of microseconds, where a trip
    // through the thread pool cost about 0.2 ms of the main thread per file (a pack opens
    // thousands). The reads, which may wait on the disk, stay asynchronous.
    const fd = fs.openSync(pathOf(storageKey), 'r');
    try {
      const { size } = fs.fstatSync(fd);
      if (size < HEADER_BYTES + TAG_BYTES) throw new Error('Evidence file is truncated');
      // One buffer per file, refilled: decipher.update copies what it returns.
      const buffer = Buffer.allocUnsafe(
        Math.min(size, Math.max(chunkBytes, HEADER_BYTES + TAG_BYTES)),
      );
      let position = await readFully(fd, buffer, buffer.length, 0);
      if (!buffer.subarray(0, MAGIC.length).equals(MAGIC))
        throw new Error('Unrecognised evidence file');
      const decipher = createDecipheriv(
        'aes-256-gcm',
        key,
        buffer.subarray(MAGIC.length, HEADER_BYTES),
      );
      const ciphertextEnd = size - TAG_BYTES;
      if (position === size) {
        // The whole file fitted in one read (most evidence files): no second read for the tag.
        decipher.setAuthTag(buffer.subarray(ciphertextEnd, size));
      } else {
        const tag = Buffer.alloc(TAG_BYTES);
        await readFully(fd, tag, TAG_BYTES, ciphertextEnd);
        decipher.setAuthTag(tag);
      }
      let chunk = buffer.subarray(HEADER_BYTES, Math.min(position, ciphertextEnd));
      for (;;) {
        if (chunk.length > 0) yield decipher.update(chunk);
        if (position >= ciphertextEnd) break;
        const length = Math.min(buffer.length, ciphertextEnd - position);
        await readFully(fd, buffer, length, position);
        chunk = buffer.subarray(0, length);
        position += length;
      }
      // Throws when the authentication tag does not match: the file was altered.
      const rest = decipher.final();
      if (rest.length > 0) yield rest;
    } finally {
      fs.closeSync(fd);
    }
  }
}

/** Reads exactly `length` bytes at `position` (a short read means the file shrank under us). */
async function readFully(
  fd: number,
  buffer: Buffer,
  length: number,
  position: number,
): Promise<number> {
  let done = 0;
  while (done < length) {
    const bytesRead = await readAt(fd, buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new Error('Evidence file is truncated');
    done += bytesRead;
  }
  return position + length;
}

function readAt(
  fd: number,
  buffer: Buffer,
  offset: number,
  length: number,
  position: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    fs.read(fd, buffer, offset, length, position, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead),
    );
  });
}
