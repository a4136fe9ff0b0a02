import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestoreTestView } from '../../src/modules/recovery/restore-test.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createProductionAsset } from '../support/factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline, type CliResult } from './cli-harness.js';

describe('plumbline restore-tests, dr-exercises and deficiencies', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  let url: string;
  let token: string;
  const run = (argv: string[]): Promise<CliResult> =>
    plumbline(['--url', url, '--token', token, ...argv]);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    token = await t.tokenFor('engineering');
    await createProductionAsset(t, await t.tokenFor('admin'), 'db-orders');
  });
  afterAll(() => t.close());

  it('records a restore test from a job, printing the outcome and the deficiency it raised', async () => {
    const result = await run([
      'restore-tests',
      'record',
      '--asset',
      'db-orders',
      '--recovery-point',
      '2026-03-10T05:00:00Z',
      '--started',
      '2026-03-10T06:00:00Z',
      '--finished',
      '2026-03-10T07:00:00Z',
      '--check',
      'Row counts match=pass',
      '--check',
      'Checksums=fail:3 files differ',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^RT-0001 {2}db-orders {2}fail/);
    expect(result.stdout).toMatch(/Integrity check failed: Checksums \(3 files differ\)/);
    expect(result.stdout).toMatch(/Deficiency NC-0001 raised/);
  });

  it('lists restore tests, deficiencies and exercises', async () => {
    const tests = await run(['--json', 'restore-tests', 'list', '--asset', 'db-orders']);
    expect(tests.code).toBe(0);
    expect((JSON.parse(tests.stdout) as RestoreTestView[]).map((test) => test.number)).toEqual([
      'RT-0001',
    ]);
    const deficiencies = await run(['deficiencies', '--status', 'open']);
    expect(deficiencies).toMatchObject({ code: 0, stderr: '' });
    expect(deficiencies.stdout).toMatch(/NC-0001/);
    expect((await run(['dr-exercises'])).code).toBe(0);
  });

  it('refuses a malformed check with a usage error', async () => {
    const result = await run([
      'restore-tests',
      'record',
      '--asset',
      'db-orders',
      '--started',
      '2026-03-10T06:00:00Z',
      '--finished',
      '2026-03-10T07:00:00Z',
      '--check',
      'no verdict',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/name=pass/);
  });
});
