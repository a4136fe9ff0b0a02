import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/platform/clock.js';
import { expectValid, oscalValidator, seedOscalPeriod } from '../api/oscal.fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline, temporaryDirectory, type CliResult } from './cli-harness.js';

describe('plumbline report oscal against a running server', () => {
  let t: TestApp;
  let url: string;
  let auditor: string;
  const clock = new FixedClock('2026-03-01T00:00:00Z');
  const files = temporaryDirectory('plumbline-oscal-');
  const as = (argv: string[]): Promise<CliResult> =>
    plumbline(['--url', url, '--token', auditor, 'report', 'oscal', ...argv]);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedOscalPeriod(t, clock);
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    auditor = await t.tokenFor('auditor');
  });
  afterAll(async () => {
    await t.close();
    files.remove();
  });

  it('writes a valid assessment-results file and exits 0', async () => {
    const out = path.join(files.path, 'results.json');
    const result = await as([
      '--framework',
      'sop-018',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--out',
      out,
    ]);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const document = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
    expectValid(oscalValidator('assessment-results'), document);
  });

  it('writes the inventory with --model inventory', async () => {
    const out = path.join(files.path, 'inventory.json');
    const result = await as(['--framework', 'sop-018', '--model', 'inventory', '--out', out]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const document = JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['system-security-plan']);
    expectValid(oscalValidator('complete'), document);
  });

  it('exits 2 on usage errors: a missing period, a bad date, an unknown model', async () => {
    const missing = await as(['--framework', 'sop-018']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--from: is required for assessment-results');
    const badDate = await as(['--framework', 'sop-018', '--from', '2026-03-01', '--to', 'March']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--to: must be a date as YYYY-MM-DD');
    expect((await as(['--framework', 'sop-018', '--model', 'poam'])).code).toBe(2);
    expect((await as(['--from', '2026-03-01', '--to', '2026-03-31'])).code).toBe(2);
  });

  it('exits 3 for an unknown framework', async () => {
    const result = await as(['--framework', 'nope', '--model', 'component-definition']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Framework nope not found');
  });
});
