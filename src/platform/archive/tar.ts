import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/**
 * A minimal POSIX tar (ustar) writer and reader for regular files: what `plumbline backup`
 * writes, so that any `tar` can list and extract an archive too. Sizes of 8 GiB and more use the
 * base-256 size field GNU tar and libarchive read. Names must fit the 100-byte name field.
 */

const BLOCK = 512;
const NAME_BYTES = 100;
/** Largest size the 11 octal digits of the size field hold (8 GiB − 1). */
const MAX_OCTAL_SIZE = 0o77777777777;

export interface TarEntry {
  name: string;
  size: number;
  /** Where the content starts in the archive. */
  offset: number;
}

function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
  header.write(value.toString(8).padStart(length - 1, '0'), offset, length - 1, 'ascii');
  header[offset + length - 1] = 0;
}

function writeSize(header: Buffer, size: number): void {
  if (size <= MAX_OCTAL_SIZE) {
    writeOctal(header, size, 124, 12);
    return;
  }
  // Base-256: high bit of the first byte set, the number big-endian in the remaining 11 bytes.
  header.fill(0, 124, 136);
  header[124] = 0x80;
  let rest = BigInt(size);
  for (let index = 135; index > 124; index -= 1) {
    header[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
}

function readSize(header: Buffer): number {
  const first = header[124] ?? 0;
  if (first & 0x80) {
    let value = 0n;
    for (let index = 125; index < 136; index += 1)
      value = (value << 8n) | BigInt(header[index] ?? 0);
    return Number(value);
  }
  return readOctal(header, 124, 12);
}

function readOctal(header: Buffer, offset: number, length: number): number {
  const text = header
    .subarray(offset, offset + length)
    .toString('ascii')
    .replace(/[\0 ]+$/g, '')
    .trim();
  if (!/^[0-7]*$/.test(text)) throw new Error('Not a tar archive: malformed number in a header');
  return text === '' ? 0 : parseInt(text, 8);
}

function checksumOf(header: Buffer): number {
  let sum = 0;
  for (let index = 0; index < BLOCK; index += 1)
    sum += index >= 148 && index < 156 ? 0x20 : (header[index] ?? 0);
  return sum;
}

function headerFor(name: string, size: number, mtime: Date): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > NAME_BYTES) throw new Error(`Archive entry name too long: ${name}`);
  const header = Buffer.alloc(BLOCK);
  nameBytes.copy(header, 0);
  writeOctal(header, 0o600, 100, 8);
  writeOctal(header, 0, 108, 8);
  writeOctal(header, 0, 116, 8);
  writeSize(header, size);
  writeOctal(header, Math.floor(mtime.getTime() / 1000), 136, 12);
  header.write('0', 156, 'ascii');
  header.write('ustar\u000000', 257, 'ascii');
  writeOctal(header, checksumOf(header), 148, 7);
  header[155] = 0x20;
  return header;
}

/** Writes entries one after another at the end of an open file. */
export class TarWriter {
  constructor(
    private readonly file: FileHandle,
    private readonly mtime: Date,
  ) {}

  /**
   * Adds one file of exactly `size` bytes read from `content`; returns its SHA-256 (hex). Throws
   * when the content is longer or shorter than announced (the archive is then unusable).
   */
  async add(name: string, size: number, content: Iterable<Buffer> | AsyncIterable<Buffer>) {
    await this.write(headerFor(name, size, this.mtime));
    const hash = createHash('sha256');
    let written = 0;
    for await (const chunk of content) {
      written += chunk.length;
      if (written > size) throw new Error(`${name} grew while it was archived`);
      hash.update(chunk);
      await this.write(chunk);
    }
    if (written !== size) throw new Error(`${name} shrank while it was archived`);
    const padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (padding > 0) await this.write(Buffer.alloc(padding));
    return hash.digest('hex');
  }

  /** The end-of-archive marker: two empty blocks. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(2 * BLOCK));
  }

  private async write(buffer: Buffer): Promise<void> {
    let done = 0;
    while (done < buffer.length) {
      const { bytesWritten } = await this.file.write(buffer, done, buffer.length - done, null);
      done += bytesWritten;
    }
  }
}

/** Every regular file in an archive, in order, without reading their contents. */
export async function listTarEntries(file: FileHandle): Promise<TarEntry[]> {
  const { size: archiveSize } = await file.stat();
  const entries: TarEntry[] = [];
  const header = Buffer.alloc(BLOCK);
  let position = 0;
  for (;;) {
    if (position + BLOCK > archiveSize) throw new Error('The archive is truncated (no end marker)');
    await readExactly(file, header, position);
    if (header.every((byte) => byte === 0)) return entries;
    if (checksumOf(header) !== readOctal(header, 148, 8))
      throw new Error(`Not a tar archive, or damaged: bad header checksum at byte ${position}`);
    const name = header.subarray(0, NAME_BYTES).toString('utf8').replace(/\0.*$/s, '');
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = readSize(header);
    const type = String.fromCharCode(header[156] ?? 0);
    const offset = position + BLOCK;
    if (offset + size > archiveSize) throw new Error(`The archive is truncated inside ${name}`);
    if (type === '0' || type === '\0')
      entries.push({ name: prefix ? `${prefix}/${name}` : name, size, offset });
    position = offset + Math.ceil(size / BLOCK) * BLOCK;
  }
}

/** The content of one entry, in chunks of up to 1 MB. */
export async function* tarEntryChunks(file: FileHandle, entry: TarEntry): AsyncIterable<Buffer> {
  const buffer = Buffer.alloc(Math.min(entry.size, 1 << 20));
  let done = 0;
  while (done < entry.size) {
    const length = Math.min(buffer.length, entry.size - done);
    const chunk = buffer.subarray(0, length);
    await readExactly(file, chunk, entry.offset + done);
    done += length;
    // A copy: the buffer is refilled by the next read.
    yield Buffer.from(chunk);
  }
}

async function readExactly(file: FileHandle, target: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < target.length) {
    const { bytesRead } = await file.read(target, done, target.length - done, position + done);
    if (bytesRead === 0) throw new Error('The archive is truncated');
    done += bytesRead;
  }
}
