import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSealer, readSealedFile, resealFile, verifySealedFile } from './sealed-file.js';

const MAGIC = Buffer.from('TEST1\n');

describe('sealed files', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const sealedFile = (key: Buffer, content: Buffer) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-sealed-'));
    dirs.push(dir);
    const sealer = createSealer(key, MAGIC);
    const filePath = path.join(dir, 'file.enc');
    fs.writeFileSync(
      filePath,
      Buffer.concat([sealer.header, sealer.update(content), sealer.final()]),
    );
    return filePath;
  };
  const read = async (filePath: string, key: Buffer) => {
    const chunks: Buffer[] = [];
    for await (const chunk of readSealedFile(filePath, key, MAGIC, 4096)) chunks.push(chunk);
    return Buffer.concat(chunks);
  };

  it('re-encrypts a file under another key, leaving nothing beside it', async () => {
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const content = randomBytes(50_000);
    const filePath = sealedFile(oldKey, content);
    await resealFile(filePath, oldKey, newKey, MAGIC);
    expect(Buffer.compare(await read(filePath, newKey), content)).toBe(0);
    await expect(verifySealedFile(filePath, oldKey, MAGIC)).rejects.toMatchObject({
      reason: 'authentication_failed',
    });
    expect(fs.readdirSync(path.dirname(filePath))).toEqual(['file.enc']);
  });

  it('keeps the file as it was when it does not authenticate under the old key', async () => {
    const [oldKey, newKey, otherKey] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const content = randomBytes(10_000);
    const filePath = sealedFile(otherKey, content);
    const before = fs.readFileSync(filePath);
    await expect(resealFile(filePath, oldKey, newKey, MAGIC)).rejects.toMatchObject({
      reason: 'authentication_failed',
    });
    expect(Buffer.compare(fs.readFileSync(filePath), before)).toBe(0);
    expect(fs.readdirSync(path.dirname(filePath))).toEqual(['file.enc']);
  });

  it('refuses a truncated file', async () => {
    const key = randomBytes(32);
    const filePath = sealedFile(key, randomBytes(10_000));
    fs.truncateSync(filePath, 5000);
    await expect(verifySealedFile(filePath, key, MAGIC)).rejects.toMatchObject({
      reason: 'authentication_failed',
    });
    fs.truncateSync(filePath, 20);
    await expect(verifySealedFile(filePath, key, MAGIC)).rejects.toMatchObject({
      reason: 'truncated',
    });
  });
});
