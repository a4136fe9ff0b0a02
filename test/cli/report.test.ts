import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import type { EffectivenessReport } from '../../src/modules/posture/posture.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline, temporaryDirectory, type CliResult } from './cli-harness.js';

describe('plumbline report effectiveness against a running server', () => {
  let t: TestApp;
  let url: string;
  let auditorToken: string;
  let viewerToken: string;
  const clock = new FixedClock('2026-01-01T00:00:00Z');
  const files = temporaryDirectory('plumbline-report-');
  const as = (token: string, argv: string[]): Promise<CliResult> =>
    plumbline(['--url', url, '--token', token, ...argv]);
  const period = ['--framework', 'soc2', '--from', '2026-01-01', '--to', '2026-03-31'];

  beforeAll(async () => {
    t = await createTestApp({ clock });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    auditorToken = await t.tokenFor('auditor');
    viewerToken = await t.tokenFor('viewer');
    await generateOccurrences(t.ctx, {
      from: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2026-04-01T00:00:00Z'),
    });
    clock.set('2026-04-15T00:00:00Z');
  });
  afterAll(async () => {
    await t.close();
    files.remove();
  });

  it('prints the report as JSON by default', async () => {
    const result = await as(auditorToken, ['report', 'effectiveness', ...period]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // Streamed as the server wrote it, one line.
    expect(result.stdout.endsWith('}\n')).toBe(true);
    const report = JSON.parse(result.stdout) as EffectivenessReport;
    expect(report).toMatchObject({ framework: 'soc2', from: '2026-01-01', to: '2026-03-31' });
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.summary.occurrences).toBe(report.rows.length);
    // Nobody did anything: every occurrence due by the end of March is an exception.
    expect(report.rows.every((row) => row.exceptions.length > 0)).toBe(true);
  });

  it('writes CSV to a file with --out', async () => {
    const out = path.join(files.path, 'soc2.csv');
    const result = await as(auditorToken, [
      'report',
      'effectiveness',
      ...period,
      '--format',
      'csv',
      '--out',
      out,
    ]);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^control_key,control_title,requirement_keys,period_key,/);
    expect(lines.length).toBeGreaterThan(1);
  });

  it('exits 3 for a viewer and for an unknown framework, 2 for a bad format or a missing option', async () => {
    expect((await as(viewerToken, ['report', 'effectiveness', ...period])).code).toBe(3);
    // Refused: no file, not even a partial one.
    const refused = path.join(files.path, 'refused.json');
    expect(
      (await as(viewerToken, ['report', 'effectiveness', ...period, '-o', refused])).code,
    ).toBe(3);
    expect(fs.readdirSync(files.path).filter((name) => name.startsWith('refused'))).toEqual([]);
    const unknown = await as(auditorToken, [
      'report',
      'effectiveness',
      '--framework',
      'nope',
      '--from',
      '2026-01-01',
      '--to',
      '2026-03-31',
    ]);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('Framework nope not found');
    expect(
      (await as(auditorToken, ['report', 'effectiveness', ...period, '--format', 'xml'])).code,
    ).toBe(2);
    expect((await as(auditorToken, ['report', 'effectiveness', '--framework', 'soc2'])).code).toBe(
      2,
    );
  });

  it('exits 1 with the field named for a date that is not a date', async () => {
    const result = await as(auditorToken, [
      'report',
      'effectiveness',
      '--framework',
      'soc2',
      '--from',
      'last-monday',
      '--to',
      '2026-03-31',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('from');
  });
});
