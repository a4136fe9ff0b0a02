import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { createEvidenceStore } from './evidence-store.js';

describe('evidence store', () => {
  const dirs: string[] = [];
  const store = (maxBytes = 1024 * 1024) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-evidence-'));
    dirs.push(dir);
    return createEvidenceStore({ dir, instanceKey: randomBytes(32), maxBytes });
  };
  /** A stream that arrives in small chunks, as an upload does. */
  const chunked = (content: Buffer) =>
    Readable.from(
      Array.from({ length: Math.ceil(content.length / 1000) }, (_, i) =>
        content.subarray(i * 1000, (i + 1) * 1000),
      ),
    );
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores a file under the hash of its content, encrypted, and reads it back', async () => {
    const evidence = store();
    const content = randomBytes(123_457);
    const stored = await evidence.put(chunked(content));
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(stored).toEqual({
      sha256,
      sizeBytes: content.length,
      storageKey: `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}.enc`,
    });
    const onDisk = fs.readFileSync(evidence.pathOf(stored.storageKey));
    expect(onDisk.includes(content.subarray(0, 32))).toBe(false);
    expect(Buffer.compare(await buffer(await evidence.open(stored.storageKey)), content)).toBe(0);
  });

  it('keeps one copy of the same content', async () => {
    const evidence = store();
    const content = Buffer.from('the same report twice');
    const first = await evidence.put(Readable.from([content]));
    const second = await evidence.put(Readable.from([content]));
    expect(second.storageKey).toBe(first.storageKey);
    expect(Buffer.compare(await buffer(await evidence.open(first.storageKey)), content)).toBe(0);
  });

  it('stores an empty file', async () => {
    const evidence = store();
    const stored = await evidence.put(Readable.from([]));
    expect(stored.sizeBytes).toBe(0);
    expect((await buffer(await evidence.open(stored.storageKey))).length).toBe(0);
  });

  it('refuses a file over the limit and leaves nothing behind', async () => {
    const evidence = store(10_000);
    const failure = await evidence.put(chunked(randomBytes(10_001))).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('payload_too_large');
    const root = dirs.at(-1)!;
    expect(fs.readdirSync(root)).toEqual(['tmp']);
    expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
  });

  it('refuses to open a file altered on disk before handing over any byte', async () => {
    const evidence = store();
    const stored = await evidence.put(Readable.from([randomBytes(5000)]));
    const file = evidence.pathOf(stored.storageKey);
    const bytes = fs.readFileSync(file);
    bytes[100] = bytes[100]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    await expect(evidence.open(stored.storageKey)).rejects.toMatchObject({
      code: 'evidence_corrupt',
      details: { reason: 'authentication_failed' },
    });
  });

  it('refuses to open a file sealed under another instance key, and a missing one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-evidence-'));
    dirs.push(dir);
    const stored = await createEvidenceStore({
      dir,
      instanceKey: randomBytes(32),
      maxBytes: 1 << 20,
    }).put(Readable.from([Buffer.from('a signed report')]));
    const other = createEvidenceStore({ dir, instanceKey: randomBytes(32), maxBytes: 1 << 20 });
    await expect(other.open(stored.storageKey)).rejects.toMatchObject({
      code: 'evidence_corrupt',
      details: { reason: 'authentication_failed' },
    });
    fs.rmSync(other.pathOf(stored.storageKey));
    await expect(other.open(stored.storageKey)).rejects.toMatchObject({
      code: 'evidence_corrupt',
      details: { reason: 'missing' },
    });
  });

  it('replaces a stored copy that no longer authenticates when the same content comes again', async () => {
    const evidence = store();
    const content = Buffer.from('the same report, uploaded again after damage');
    const stored = await evidence.put(Readable.from([content]));
    const file = evidence.pathOf(stored.storageKey);
    const bytes = fs.readFileSync(file);
    bytes[10] = bytes[10]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    await evidence.put(Readable.from([content]));
    expect(Buffer.compare(await buffer(await evidence.open(stored.storageKey)), content)).toBe(0);
  });

  it('lists the storage key of every stored file', async () => {
    const evidence = store();
    const keys = [];
    for (const text of ['one', 'two', 'three']) {
      keys.push((await evidence.put(Readable.from([Buffer.from(text)]))).storageKey);
    }
    const listed = [];
    for await (const key of evidence.storageKeys()) listed.push(key);
    expect(listed).toEqual(keys.sort());
  });

  it('reads a file in chunks of any size, the tag apart when the file exceeds one read', async () => {
    const evidence = store(4 * 1024 * 1024);
    const content = randomBytes(3 * 1024 * 1024 + 5);
    const stored = await evidence.put(chunked(content));
    // 1 MB reads (the tag after the last), a read ending inside the tag, one read for it all, 4 KB.
    for (const chunkBytes of [1 << 20, content.length + 18 + 8, content.length + 18 + 16, 4096]) {
      const chunks: Buffer[] = [];
      for await (const chunk of evidence.chunks(stored.storageKey, chunkBytes)) chunks.push(chunk);
      expect(Buffer.compare(Buffer.concat(chunks), content)).toBe(0);
    }
    const file = evidence.pathOf(stored.storageKey);
    const bytes = fs.readFileSync(file);
    bytes[2_000_000] = bytes[2_000_000]! ^ 0x01;
    fs.writeFileSync(file, bytes);
    const read = async () => {
      for await (const chunk of evidence.chunks(stored.storageKey)) expect(chunk).toBeDefined();
    };
    await expect(read()).rejects.toThrow();
  });

  it('refuses a storage key that is not a content address', () => {
    expect(() => store().pathOf('../../etc/passwd')).toThrow(/Malformed/);
  });
});
