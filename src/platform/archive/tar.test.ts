import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listTarEntries, tarEntryChunks, TarWriter } from './tar.js';

describe('tar archives', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-tar-'));
  const archive = path.join(directory, 'a.tar');
  const files = {
    'manifest.json': Buffer.from('{"ok":true}\n'),
    'evidence/ab/cd/empty.enc': Buffer.alloc(0),
    'database/assets/000001.ndjson': randomBytes(1536 + 7),
  };
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('writes what it reads back, with the SHA-256 of each entry', async () => {
    const file = await fs.promises.open(archive, 'wx');
    const writer = new TarWriter(file, new Date('2026-12-06T00:00:00Z'));
    for (const [name, content] of Object.entries(files)) {
      const sha = await writer.add(name, content.length, [content]);
      expect(sha).toBe(createHash('sha256').update(content).digest('hex'));
    }
    await writer.finish();
    await file.close();

    const reader = await fs.promises.open(archive, 'r');
    try {
      const entries = await listTarEntries(reader);
      expect(entries.map((entry) => [entry.name, entry.size])).toEqual(
        Object.entries(files).map(([name, content]) => [name, content.length]),
      );
      for (const entry of entries) {
        const chunks: Buffer[] = [];
        for await (const chunk of tarEntryChunks(reader, entry)) chunks.push(chunk);
        expect(Buffer.concat(chunks).equals(files[entry.name as keyof typeof files])).toBe(true);
      }
    } finally {
      await reader.close();
    }
  });

  it('is read by the system tar', () => {
    const listing = execFileSync('tar', ['-tf', archive], { encoding: 'utf8' });
    expect(listing.trim().split('\n')).toEqual(Object.keys(files));
    const out = path.join(directory, 'out');
    fs.mkdirSync(out);
    execFileSync('tar', ['-xf', archive, '-C', out]);
    const extracted = fs.readFileSync(path.join(out, 'database/assets/000001.ndjson'));
    expect(extracted.equals(files['database/assets/000001.ndjson'])).toBe(true);
  });

  it('refuses content longer or shorter than announced', async () => {
    const file = await fs.promises.open(path.join(directory, 'b.tar'), 'wx');
    const writer = new TarWriter(file, new Date());
    await expect(writer.add('x', 2, [Buffer.from('abc')])).rejects.toThrow(/grew/);
    await file.close();
  });

  it('refuses a truncated archive', async () => {
    const truncated = path.join(directory, 'truncated.tar');
    fs.writeFileSync(truncated, fs.readFileSync(archive).subarray(0, 1024));
    const reader = await fs.promises.open(truncated, 'r');
    await expect(listTarEntries(reader)).rejects.toThrow(/truncated/);
    await reader.close();
  });
});
