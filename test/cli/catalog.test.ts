import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline, temporaryDirectory, type CliResult } from './cli-harness.js';

describe('plumbline catalog against a running server', () => {
  let t: TestApp;
  let url: string;
  let qualityToken: string;
  let auditorToken: string;
  const work = temporaryDirectory('plumbline-catalog-cli-');
  const directory = path.join(work.path, 'catalog');
  const as = (token: string, ...argv: string[]): Promise<CliResult> =>
    plumbline(['--url', url, '--token', token, 'catalog', ...argv]);
  const edit = (file: string, from: string, to: string) => {
    const target = path.join(directory, file);
    const text = fs.readFileSync(target, 'utf8');
    expect(text).toContain(from);
    fs.writeFileSync(target, text.replace(from, to));
  };

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    qualityToken = await t.tokenFor('quality');
    auditorToken = await t.tokenFor('auditor');
  });
  afterAll(async () => {
    await t.close();
    work.remove();
  });

  it('exports the stored catalogue as YAML files, one per framework and per theme', async () => {
    const result = await as(auditorToken, 'export', directory);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^Wrote 16 files to .+ \(6 frameworks, \d+ controls\)\.$/m);
    expect(fs.readdirSync(path.join(directory, 'frameworks')).sort()).toEqual([
      'eng-pol-003.yaml',
      'iec81001-5-1.yaml',
      'iso13485.yaml',
      'iso9001.yaml',
      'soc2.yaml',
      'sop-018.yaml',
    ]);
    expect(fs.readFileSync(path.join(directory, 'controls/access.yaml'), 'utf8')).toMatch(
      /^format: plumbline-catalog\/v1$/m,
    );
  });

  it('plans an exported catalogue as no change', async () => {
    const result = await as(auditorToken, 'plan', directory);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe('No changes: the stored catalogue already matches.');
  });

  it('shows an edit as a readable diff, and as JSON with --json', async () => {
    edit(
      'controls/maintenance-and-patching.yaml',
      'title: Quarterly capacity review',
      'title: Quarterly capacity and cost review',
    );
    fs.rmSync(path.join(directory, 'controls/decommissioning.yaml'));
    const result = await as(auditorToken, 'plan', directory);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(result.stdout).toMatch(
      /^Controls: +0 to add, 1 to change, 2 to retire, \d+ unchanged$/m,
    );
    expect(lines).toContain(
      '  ~ control capacity-review-quarterly  Quarterly capacity and cost review',
    );
    expect(lines).toContain(
      '      title: "Quarterly capacity review" → "Quarterly capacity and cost review"',
    );
    expect(lines).toContain(
      '  - control decommissioning-retention-review  Retention obligations reviewed before data is disposed of  (retired)',
    );

    const json = await plumbline([
      '--url',
      url,
      '--token',
      auditorToken,
      '--json',
      'catalog',
      'plan',
      directory,
    ]);
    const plan = JSON.parse(json.stdout) as { empty: boolean; controls: { retired: unknown[] } };
    expect(plan.empty).toBe(false);
    expect(plan.controls.retired).toHaveLength(2);
  });

  it('refuses to apply for a role that may not manage the catalogue', async () => {
    const result = await as(auditorToken, 'apply', directory);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/does not allow catalog:manage/);
  });

  it('applies the edit once; a second apply has nothing to do', async () => {
    const first = await as(qualityToken, 'apply', directory);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Applied as catalogue revision 2\.$/m);
    expect(first.stdout).toContain('  - control decommissioning-closeout-7d');
    const second = await as(qualityToken, 'apply', directory);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout.trim()).toBe('Nothing to apply: the stored catalogue already matches.');
  });

  it('export after apply writes back what was applied and removes files no longer needed', async () => {
    fs.writeFileSync(
      path.join(directory, 'controls/decommissioning.yaml'),
      'format: plumbline-catalog/v1\ncontrols: []\n',
    );
    const result = await as(auditorToken, 'export', directory);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  removed controls/decommissioning.yaml');
    expect(fs.existsSync(path.join(directory, 'controls/decommissioning.yaml'))).toBe(false);
    expect((await as(auditorToken, 'plan', directory)).stdout.trim()).toBe(
      'No changes: the stored catalogue already matches.',
    );
  });

  it('stops with exit code 1 and file, line and field for an invalid catalogue', async () => {
    edit('controls/access.yaml', 'frequency: quarterly', 'frequency: fortnightly');
    edit('controls/access.yaml', '      - sop-018:5.4-mfa\n', '      - sop-018:5.4-telepathy\n');
    const result = await as(qualityToken, 'plan', directory);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^The catalogue in .+ is invalid \(1 problem\):$/);
    expect(lines[1]).toMatch(
      /^ {2}controls\/access\.yaml:\d+ controls\[\d+\]\.cadence\.frequency: Invalid option/,
    );

    edit('controls/access.yaml', 'frequency: fortnightly', 'frequency: quarterly');
    const unknown = await as(qualityToken, 'validate', directory);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /controls\/access\.yaml:\d+ controls\[\d+\]\.requirements\[\d+\]: no requirement sop-018:5\.4-telepathy in the catalogue/,
    );
  });
});
