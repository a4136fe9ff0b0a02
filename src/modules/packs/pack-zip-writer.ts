import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { ManifestFile } from './pack-manifest.schema.js';

export interface PackZipWriter {
  /**
   * Streams one entry into the zip, hashing it on the way, and resolves once it is written.
   * Entries are written one after the other, so only one is ever in flight.
   */
  add(
    path: string,
    content: Readable | AsyncIterable<string | Buffer> | Buffer,
    options?: { compress?: boolean },
  ): Promise<ManifestFile>;
  /** Writes the central directory and closes the file; resolves with its size in bytes. */
  finish(): Promise<number>;
  /** Stops writing after a failure; the partial file is the caller's to remove. */
  abort(error: Error): void;
}

async function* asBuffers(content: AsyncIterable<string | Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of content) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/**
 * A streaming ZIP (yazl, pure JavaScript) written to `filePath`. Each entry's SHA-256 and size are
 * measured from the very bytes handed to the zip, so the manifest describes what was written.
 */
export function createPackZipWriter(filePath: string, mtime: Date): PackZipWriter {
  const zip = new yazl.ZipFile();
  // A large buffer lets chunks queue while a write is in flight and go out in one writev.
  const out = fs.createWriteStream(filePath, { flags: 'wx', mode: 0o600, highWaterMark: 4 << 20 });
  // Set by whichever side fails first: the zip, the file, or an entry's source.
  const state: { failure: Error | null } = { failure: null };
  const written = pipeline(zip.outputStream as unknown as Readable, out).catch((error: unknown) => {
    state.failure = error instanceof Error ? error : new Error(String(error));
    throw state.failure;
  });
  // Surfaced by the entry being written (or by finish), never as an unhandled rejection.
  written.catch(() => undefined);
  const throwIfFailed = () => {
    if (state.failure) throw state.failure;
  };
  zip.on('error', (error: Error) => {
    state.failure = error;
  });

  return {
    async add(path, content, options = {}) {
      throwIfFailed();
      const hash = createHash('sha256');
      let size = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      const source = Buffer.isBuffer(content)
        ? Readable.from([content])
        : content instanceof Readable
          ? content
          : Readable.from(asBuffers(content));
      const ended = new Promise<void>((resolve, reject) => {
        tap.on('end', resolve);
        tap.on('error', reject);
      });
      zip.addReadStream(tap, path, { mtime, compress: options.compress ?? true });
      await Promise.all([pipeline(source, tap), ended]);
      throwIfFailed();
      return { path, sha256: hash.digest('hex'), size };
    },
    async finish() {
      zip.end();
      await written;
      return (await fs.promises.stat(filePath)).size;
    },
    abort(error) {
      state.failure = error;
      (zip.outputStream as unknown as Readable).destroy(error);
      out.destroy(error);
    },
  };
}
