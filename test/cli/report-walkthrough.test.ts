import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Walkthrough } from '../../src/modules/walkthrough/walkthrough.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { PROCESS, seedWalkthroughPeriod } from '../api/walkthrough.fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline, temporaryDirectory, type CliResult } from './cli-harness.js';

describe('plumbline report walkthrough against a running server', () => {
  let t: TestApp;
  let url: string;
  let auditorToken: string;
  const clock = new FixedClock('2026-02-20T08:00:00Z');
  const files = temporaryDirectory('plumbline-walkthrough-');
  const as = (token: string, argv: string[]): Promise<CliResult> =>
    plumbline(['--url', url, '--token', token, ...argv]);
  const walk = ['report', 'walkthrough', '--process', PROCESS.key];
  const period = ['--from', '2026-03-01', '--to', '2026-03-31'];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    auditorToken = await t.tokenFor('auditor');
    await seedWalkthroughPeriod(t, clock, await t.tokenFor('admin'));
  }, 60_000);
  afterAll(async () => {
    await t.close();
    files.remove();
  });

  it('prints the walkthrough as JSON by default, gaps included', async () => {
    const result = await as(auditorToken, [...walk, ...period]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const walkthrough = JSON.parse(result.stdout) as Walkthrough;
    expect(walkthrough).toMatchObject({ process: { key: PROCESS.key }, from: '2026-03-01' });
    expect(walkthrough.dependencies).toHaveLength(5);
    expect(walkthrough.gaps.map((gap) => `${gap.assetKey}:${gap.kind}`).sort()).toEqual([
      'lab-net:no_evidence',
      'lab-net:overdue_occurrence',
      'lab-pc:unverified_closeout',
      'lab-room:no_evidence',
      'lims:missed_occurrence',
      'lims:open_nonconformance',
      'lims:third_party_without_service_evidence',
    ]);
  });

  it('writes the printable page to a file with --format html --out', async () => {
    const out = path.join(files.path, 'walkthrough.html');
    const result = await as(auditorToken, [...walk, ...period, '--format', 'html', '--out', out]);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const html = fs.readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<span class="gap">Open nonconformance</span>');
  });

  it('exits 3 for an unknown process, 2 for a bad format or a missing option, 1 for a bad date', async () => {
    const unknown = await as(auditorToken, [
      'report',
      'walkthrough',
      '--process',
      'no-such-process',
      ...period,
    ]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('no-such-process');
    expect((await as(auditorToken, [...walk, ...period, '--format', 'pdf'])).code).toBe(2);
    expect((await as(auditorToken, [...walk, '--from', '2026-03-01'])).code).toBe(2);
    const badDate = await as(auditorToken, [...walk, '--from', '2026-03-01', '--to', 'March']);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('to');
  });
});
