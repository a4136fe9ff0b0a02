import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/modules/terraform/terraform-sync.schema.js';
import { stateOf } from '../fixtures/terraform/state.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline } from './cli-harness.js';

describe('plumbline register sync --terraform', () => {
  let t: TestApp;
  let url: string;
  let engineering: string;
  let directory: string;
  const as = (token: string, ...argv: string[]) =>
    plumbline(['--url', url, '--token', token, ...argv]);

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    engineering = await t.tokenFor('engineering');
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-tfstate-'));
  });
  afterAll(async () => {
    fs.rmSync(directory, { recursive: true, force: true });
    await t.close();
  });

  function stateFile(name: string, document: unknown): string {
    const file = path.join(directory, name);
    fs.writeFileSync(file, JSON.stringify(document));
    return file;
  }

  it('prints the drift report as JSON on a dry run, then creates the assets with --apply', async () => {
    const file = stateFile(
      'cli.tfstate',
      stateOf([
        { type: 'aws_db_instance', name: 'cli_orders' },
        { mode: 'data', type: 'aws_ami', name: 'ubuntu' },
      ]),
    );
    const dry = await as(engineering, '--json', 'register', 'sync', '--terraform', file);
    expect(dry.code, dry.stderr).toBe(0);
    const report = JSON.parse(dry.stdout) as DriftReport;
    expect(report).toMatchObject({ dryRun: true, resources: 1, dataSourcesSkipped: 1 });
    expect(report.resourcesWithoutAsset.map((r) => r.address)).toEqual([
      'aws_db_instance.cli_orders',
    ]);

    const applied = await as(engineering, 'register', 'sync', '--terraform', file, '--apply');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('Created 1 assets as requested.');
  });

  it('fails with the reason for a state of another version', async () => {
    const file = stateFile('old.tfstate', stateOf([], { version: 3 }));
    const result = await as(engineering, 'register', 'sync', '--terraform', file);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/version 3 is not supported/);
  });
});
