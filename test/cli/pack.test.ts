import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackManifest } from '../../src/modules/packs/pack-manifest.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { readZip, seedPackPeriod, writeZip } from '../api/packs.fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline, temporaryDirectory, type CliResult } from './cli-harness.js';

describe('plumbline report pack and pack verify', () => {
  const clock = new FixedClock('2026-03-01T00:00:00Z');
  const files = temporaryDirectory('plumbline-pack-cli-');
  const packFile = path.join(files.path, 'pack.zip');
  let t: TestApp;
  let url: string;
  let auditor: string;
  const as = (token: string, argv: string[]): Promise<CliResult> =>
    plumbline(['--url', url, '--token', token, ...argv]);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await t.tokenFor('admin');
    auditor = await t.tokenFor('auditor');
    await seedPackPeriod(t, clock, admin);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    files.remove();
  });

  it('builds a pack through the API, shows progress and downloads it', async () => {
    const result = await as(auditor, [
      'report',
      'pack',
      '--framework',
      'iso9001',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--out',
      packFile,
      '--poll-ms',
      '50',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Wrote .*pack\.zip: \d+ bytes, manifest SHA-256 [0-9a-f]{64}/);
    expect(result.stderr).toMatch(/done: (\d+)\/\1 files/);
    expect((await readZip(packFile)).has('manifest.json')).toBe(true);
  }, 60_000);

  it('verifies an intact pack offline, with the expected fingerprint', async () => {
    const manifest = JSON.parse(
      (await readZip(packFile)).get('manifest.json')!.toString(),
    ) as PackManifest;
    // No --url, no token, no database: the pack alone.
    const result = await plumbline([
      'pack',
      'verify',
      packFile,
      '--fingerprint',
      manifest.signingKey.fingerprint,
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Pack intact: \d+ files match the manifest, signature valid/);
  });

  it('exits 1 naming an altered, an added and a removed file', async () => {
    const entries = await readZip(packFile);
    entries.set('registers/suppliers.csv', Buffer.from('key,name\nevil,Evil Corp\n'));
    entries.set('notes.txt', Buffer.from('slipped in'));
    entries.delete('index.pdf');
    const tampered = path.join(files.path, 'tampered.zip');
    await writeZip(tampered, entries);
    const result = await plumbline(['pack', 'verify', tampered]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^Pack NOT intact: 3 problem\(s\)/);
    expect(result.stdout).toMatch(/ {2}altered +registers\/suppliers\.csv: expected/);
    expect(result.stdout).toMatch(/ {2}added +notes\.txt: not listed in the manifest/);
    expect(result.stdout).toMatch(/ {2}removed +index\.pdf: listed in the manifest, absent/);
  });

  it('says so when the file is not a zip', async () => {
    const notZip = path.join(files.path, 'not.zip');
    fs.writeFileSync(notZip, 'hello');
    const result = await plumbline(['pack', 'verify', notZip]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Not a readable zip/);
  });
});
