import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';

/**
 * Files encrypted at rest (evidence files, evidence packs): a magic line naming the kind, a 12-byte
 * IV, the AES-256-GCM ciphertext and its 16-byte authentication tag. The tag covers the whole file,
 * so nothing read from one is trusted until the last byte has been read: a download verifies the
 * file before it sends its first byte (`verifySealedFile`), then reads it again.
 */
export const SEALED_IV_BYTES = 12;
export const SEALED_TAG_BYTES = 16;
/** Large reads: most files are read whole in one system call. */
const READ_CHUNK_BYTES = 1 << 20;

/** Why a sealed file could not be read; the file is missing, damaged, or under another key. */
export class SealedFileError extends Error {
  constructor(
    readonly reason: 'missing' | 'truncated' | 'unrecognised' | 'authentication_failed',
    message: string,
  ) {
    super(message);
    this.name = 'SealedFileError';
  }
}

/** A key for one kind of file, derived from the instance key (never used directly for two things). */
export function deriveFileKey(instanceKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', instanceKey, Buffer.alloc(0), purpose, 32));
}

/** Encrypts a file written piece by piece: the header first, each piece, then the tag. */
export interface Sealer {
  readonly header: Buffer;
  update(plaintext: Buffer): Buffer;
  /** The tag, written last. */
  final(): Buffer;
}

export function createSealer(key: Buffer, magic: Buffer): Sealer {
  const iv = randomBytes(SEALED_IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return {
    header: Buffer.concat([magic, iv]),
    update: (plaintext) => cipher.update(plaintext),
    final() {
      const rest = cipher.final();
      return Buffer.concat([rest, cipher.getAuthTag()]);
    },
  };
}

/**
 * The decrypted content of a sealed file in chunks of up to `chunkBytes`, read with one file
 * handle and one reused buffer. Chunks are yielded before the tag is checked; the iteration throws
 * a SealedFileError at its end if the file was altered or sealed under another key.
 */
export async function* readSealedFile(
  filePath: string,
  key: Buffer,
  magic: Buffer,
  chunkBytes = READ_CHUNK_BYTES,
): AsyncGenerator<Buffer> {
  const headerBytes = magic.length + SEALED_IV_BYTES;
  // Opening, stat and closing are synchronous: metadata calls of microseconds, where a trip
  // through the thread pool cost about 0.2 ms of the main thread per file (a pack opens
  // thousands). The reads, which may wait on the disk, stay asynchronous.
  let fd: number;
  try {
    fd = fs.openSync(filePath, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new SealedFileError('missing', 'The file is missing');
    throw error;
  }
  try {
    const { size } = fs.fstatSync(fd);
    if (size < headerBytes + SEALED_TAG_BYTES)
      throw new SealedFileError('truncated', 'The file is truncated');
    // One buffer per file, refilled: decipher.update copies what it returns.
    const buffer = Buffer.allocUnsafe(
      Math.min(size, Math.max(chunkBytes, headerBytes + SEALED_TAG_BYTES)),
    );
    let position = await readFully(fd, buffer, buffer.length, 0);
    if (!buffer.subarray(0, magic.length).equals(magic))
      throw new SealedFileError('unrecognised', 'The file is not of the expected kind');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      key,
      buffer.subarray(magic.length, headerBytes),
    );
    const ciphertextEnd = size - SEALED_TAG_BYTES;
    if (position === size) {
      // The whole file fitted in one read (most evidence files): no second read for the tag.
      decipher.setAuthTag(buffer.subarray(ciphertextEnd, size));
    } else {
      const tag = Buffer.alloc(SEALED_TAG_BYTES);
      await readFully(fd, tag, SEALED_TAG_BYTES, ciphertextEnd);
      decipher.setAuthTag(tag);
    }
    let chunk = buffer.subarray(headerBytes, Math.min(position, ciphertextEnd));
    for (;;) {
      if (chunk.length > 0) yield decipher.update(chunk);
      if (position >= ciphertextEnd) break;
      const length = Math.min(buffer.length, ciphertextEnd - position);
      await readFully(fd, buffer, length, position);
      chunk = buffer.subarray(0, length);
      position += length;
    }
    let rest: Buffer;
    try {
      rest = decipher.final();
    } catch {
      throw new SealedFileError(
        'authentication_failed',
        'The file does not authenticate: it was altered, or sealed under another key',
      );
    }
    if (rest.length > 0) yield rest;
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads a sealed file through to its tag without keeping anything; throws SealedFileError. */
export async function verifySealedFile(
  filePath: string,
  key: Buffer,
  magic: Buffer,
): Promise<void> {
  for await (const chunk of readSealedFile(filePath, key, magic)) void chunk;
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
    if (bytesRead === 0) throw new SealedFileError('truncated', 'The file is truncated');
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

/**
 * Re-encrypts a sealed file under another key: the new ciphertext goes to `<file>.reseal`, is
 * flushed to disk, and replaces the file by an atomic rename only once the old one authenticated to
 * its end. An interruption leaves either the old file or the new one, never a mix.
 */
export async function resealFile(
  filePath: string,
  fromKey: Buffer,
  toKey: Buffer,
  magic: Buffer,
): Promise<void> {
  await replaceWithSealed(filePath, readSealedFile(filePath, fromKey, magic), toKey, magic);
}

/**
 * Replaces a file with `content` sealed under `key`: written to a temporary file beside it,
 * flushed and renamed over it, so the file holds the whole old content or the whole new one.
 */
export async function replaceWithSealed(
  filePath: string,
  content: AsyncIterable<Buffer>,
  key: Buffer,
  magic: Buffer,
): Promise<void> {
  const tempPath = `${filePath}.reseal`;
  const sealer = createSealer(key, magic);
  const handle = await fs.promises.open(tempPath, 'w', 0o600);
  try {
    await handle.writeFile(sealer.header);
    for await (const chunk of content) {
      await handle.writeFile(sealer.update(chunk));
    }
    await handle.writeFile(sealer.final());
    await handle.sync();
    await handle.close();
    await fs.promises.rename(tempPath, filePath);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(tempPath, { force: true });
    throw error;
  }
}
