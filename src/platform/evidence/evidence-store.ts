import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  createSealer,
  deriveFileKey,
  readSealedFile,
  SealedFileError,
  verifySealedFile,
} from '../crypto/sealed-file.js';
import { AppError } from '../errors.js';
import { drainQuietly } from '../streams/drain-quietly.js';

/** File layout: this magic line, then a sealed file (platform/crypto/sealed-file.ts). */
export const EVIDENCE_FILE_MAGIC = Buffer.from('PLEV1\n');

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
  /**
   * The decrypted content, for a download: the whole file is authenticated before this resolves
   * (an `evidence_corrupt` AppError otherwise), then read again as the stream is consumed; should
   * the file change in between, the stream errors instead of ending.
   */
  open(storageKey: string): Promise<Readable>;
  /**
   * The decrypted content in chunks of up to `chunkBytes` (1 MB), read with one file handle and
   * one reused buffer; the iteration throws if the file was altered (checked at its end).
   */
  chunks(storageKey: string, chunkBytes?: number): AsyncIterable<Buffer>;
  /** Absolute path of a stored file (backups, tests). */
  pathOf(storageKey: string): string;
  /** The storage key of every file in the store, referenced or not (key rotation). */
  storageKeys(): AsyncIterable<string>;
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
  return deriveFileKey(instanceKey, 'plumbline/evidence-files/v1');
}

/** The error a download answers when a stored file cannot be authenticated. */
export function evidenceCorrupt(error: unknown): AppError {
  const reason = error instanceof SealedFileError ? error.reason : 'unreadable';
  return new AppError(
    'evidence_corrupt',
    `The stored file failed its integrity check (${reason}): nothing was sent. Restore it from a backup, or check PLUMBLINE_SECRET_KEY / secret.key`,
    { details: { reason } },
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
      const sealer = createSealer(key, EVIDENCE_FILE_MAGIC);
      const hash = createHash('sha256');
      let sizeBytes = 0;
      let out: fs.WriteStream | undefined;
      try {
        out = fs.createWriteStream(tempPath, { flags: 'wx', mode: 0o600 });
        await pipeline(
          source,
          async function* (plaintext: AsyncIterable<Buffer>) {
            yield sealer.header;
            for await (const chunk of plaintext) {
              sizeBytes += chunk.length;
              if (sizeBytes > options.maxBytes) throw tooLarge(options.maxBytes);
              hash.update(chunk);
              yield sealer.update(chunk);
            }
            yield sealer.final();
          },
          out,
        );
        const sha256 = hash.digest('hex');
        const storageKey = `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}.enc`;
        const finalPath = pathOf(storageKey);
        await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
        // Same content, same name: a file already stored is kept and the new copy dropped, unless
        // the stored one no longer authenticates (damaged, or left under an earlier key).
        if (fs.existsSync(finalPath) && (await authenticates(finalPath)))
          await fs.promises.rm(tempPath, { force: true });
        else await fs.promises.rename(tempPath, finalPath);
        return { sha256, sizeBytes, storageKey };
      } catch (error) {
        // A failed pipeline destroys the file stream, but its open may still be under way: wait
        // for the stream to close, or the file would appear after it was removed.
        if (out && !out.closed) await once(out, 'close').catch(() => undefined);
        await fs.promises.rm(tempPath, { force: true });
        // Drain what the client still sends, so the refusal reaches it cleanly.
        drainQuietly(source);
        throw error;
      }
    },

    async open(storageKey) {
      const filePath = pathOf(storageKey);
      try {
        await verifySealedFile(filePath, key, EVIDENCE_FILE_MAGIC);
      } catch (error) {
        throw evidenceCorrupt(error);
      }
      return Readable.from(chunks(storageKey));
    },

    chunks,

    async *storageKeys() {
      for (const first of await hexDirectories(root)) {
        for (const second of await hexDirectories(path.join(root, first))) {
          const names = await fs.promises.readdir(path.join(root, first, second));
          for (const name of names.sort()) {
            const storageKey = `${first}/${second}/${name}`;
            if (STORAGE_KEY_PATTERN.test(storageKey)) yield storageKey;
          }
        }
      }
    },
  };

  function chunks(storageKey: string, chunkBytes?: number): AsyncIterable<Buffer> {
    return readSealedFile(pathOf(storageKey), key, EVIDENCE_FILE_MAGIC, chunkBytes);
  }

  async function authenticates(filePath: string): Promise<boolean> {
    try {
      await verifySealedFile(filePath, key, EVIDENCE_FILE_MAGIC);
      return true;
    } catch {
      return false;
    }
  }
}

async function hexDirectories(dir: string): Promise<string[]> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isDirectory() && /^[0-9a-f]{2}$/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}
