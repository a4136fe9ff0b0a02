import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupRunView } from '../../src/modules/backups/backup-run.schema.js';
import { evaluateBackups } from '../../src/modules/backups/evaluate-backups.js';
import { backupWriterToken, createBackedUpAsset } from '../support/factory.js';
import { fixturePath } from '../fixtures/backups/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline, temporaryDirectory, type CliResult } from './cli-harness.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the real `plumbline` process with the file piped to its standard input. */
function plumblineWithStdin(argv: string[], stdinFile: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...argv], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    fs.createReadStream(stdinFile).pipe(child.stdin);
  });
}

describe('plumbline backups', () => {
  let t: TestApp;
  let url: string;
  let writer: string;
  let viewer: string;
  const files = temporaryDirectory('plumbline-backups-cli-');
  const ingest = (token: string, format: string, file: string, ...options: string[]) =>
    as(token, 'backups', 'ingest', '--format', format, ...options, file);
  const as = (token: string, ...argv: string[]) =>
    plumbline(['--url', url, '--token', token, ...argv]);

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await t.tokenFor('admin');
    viewer = await t.tokenFor('viewer');
    writer = await backupWriterToken(t);
    await createBackedUpAsset(t, admin, { key: 'db-prod-eu', category: 'database' });
    await createBackedUpAsset(t, admin, { key: 'fileserver-01', category: 'storage' });
    await createBackedUpAsset(t, admin, { key: 'app-prod-01', category: 'server' });
  });
  afterAll(async () => {
    await t.close();
    files.remove();
  });

  it('ingests a file, and the same file again without storing anything twice', async () => {
    const file = fixturePath('plumbline/runs.ndjson');
    const first = await ingest(writer, 'plumbline', file);
    expect(first).toEqual({
      code: 0,
      stdout: 'Ingested 3 runs (plumbline): 3 new, 0 already recorded, 0 in conflict.\n',
      stderr: '',
    });
    const again = await ingest(writer, 'plumbline', file);
    expect(again.stdout).toBe(
      'Ingested 3 runs (plumbline): 0 new, 3 already recorded, 0 in conflict.\n',
    );
  });

  it('names the line of each run that conflicts with the stored one', async () => {
    const changed = path.join(files.path, 'changed.ndjson');
    fs.writeFileSync(
      changed,
      fs
        .readFileSync(fixturePath('plumbline/runs.ndjson'), 'utf8')
        .replace('"status":"partial"', '"status":"succeeded"'),
    );
    const result = await ingest(writer, 'plumbline', changed);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^conflict: line 4 \(run 3\) rsync\/rsync-7f3a differs from the stored run [0-9a-f-]+ in status\n$/,
    );
    expect(result.stdout).toBe(
      'Ingested 3 runs (plumbline): 0 new, 2 already recorded, 1 in conflict.\n',
    );
  });

  it('ingests standard input', async () => {
    const result = await plumblineWithStdin(
      [
        '--url',
        url,
        '--token',
        writer,
        'backups',
        'ingest',
        '--format',
        'restic',
        '--asset',
        'app-prod-01',
        '-',
      ],
      fixturePath('restic/backup-partial.jsonl'),
    );
    expect(result).toMatchObject({
      code: 0,
      stdout: 'Ingested 1 runs (restic): 1 new, 0 already recorded, 0 in conflict.\n',
    });
  });

  it('counts a dry run and prints JSON when asked', async () => {
    const result = await as(
      writer,
      '--json',
      'backups',
      'ingest',
      '--format',
      'restic',
      '--dry-run',
      '--asset',
      'app-prod-01',
      fixturePath('restic/backup-succeeded.jsonl'),
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dryRun: true, created: 1 });
    const runs = await as(viewer, '--json', 'backups', 'runs', '--asset', 'app-prod-01');
    expect((JSON.parse(runs.stdout) as BackupRunView[]).map((run) => run.status)).toEqual([
      'partial',
    ]);
  });

  it('exits 1 with the server’s message for malformed output, even a large file', async () => {
    const truncated = await ingest(writer, 'plumbline', fixturePath('plumbline/truncated.ndjson'));
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(/^Error: Nothing was imported: plumbline: line 2: /);

    // The server answers at the first bad line, long before the 8 MB that follow are sent.
    const large = path.join(files.path, 'large.ndjson');
    const line = `${JSON.stringify({ asset: 'db-prod-eu', tool: 'x', externalId: 'x', startedAt: '2026-11-20T01:00:00Z', status: 'succeeded' })}\n`;
    fs.writeFileSync(
      large,
      `{"not":"a run"}\n${line.repeat(Math.ceil((8 * 1024 * 1024) / line.length))}`,
    );
    const refused = await ingest(writer, 'plumbline', large);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Error: Nothing was imported: plumbline: line 1: /);
  });

  it('fails on output that holds no runs, unless told --allow-empty', async () => {
    const empty = path.join(files.path, 'empty.json');
    fs.writeFileSync(empty, '[]\n');
    const refused = await ingest(writer, 'restic', empty, '--asset', 'app-prod-01');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^Error: Nothing was imported: the restic output holds no backup runs/,
    );
    const allowed = await ingest(
      writer,
      'restic',
      empty,
      '--asset',
      'app-prod-01',
      '--allow-empty',
    );
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^Ingested /);
  });

  it('refuses a missing file, a missing format and a caller who may not write', async () => {
    const missing = await ingest(writer, 'restic', path.join(files.path, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Cannot read /);
    expect(
      (await as(writer, 'backups', 'ingest', fixturePath('restic/backup-failed.jsonl'))).code,
    ).toBe(2);
    const forbidden = await ingest(viewer, 'plumbline', fixturePath('plumbline/runs.ndjson'));
    expect(forbidden.code).toBe(3);
    // A backup-writer token reads nothing.
    expect((await as(writer, 'backups', 'runs')).code).toBe(3);
  });

  it('lists runs, policies and an asset’s effective policy', async () => {
    const runs = await as(viewer, 'backups', 'runs', '--asset', 'db-prod-eu', '--status', 'failed');
    expect(runs.code).toBe(0);
    expect(runs.stdout).toMatch(/^STARTED AT\s+ASSET\s+TOOL\s+STATUS/);
    expect(runs.stdout).toContain('pgdump-2026-11-21');
    expect(runs.stdout).not.toContain('pgdump-2026-11-20');
    expect((await as(viewer, 'backups', 'policies')).stdout).toBe('(none)\n');
    const policy = await as(viewer, 'backups', 'policy', 'db-prod-eu');
    expect(JSON.parse(policy.stdout)).toMatchObject({
      source: 'default',
      matched: 'production-data',
    });
  });

  it('shows the backup status and the incidents, as a table or JSON, now or as of an instant', async () => {
    await evaluateBackups(t.ctx);
    const status = await as(viewer, 'backups', 'status');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/^Backup status at \S+: \d+ missed, \d+ failing, /);
    expect(status.stdout).toMatch(/\nASSET\s+STATUS\s+LAST SUCCESS AT\s+RPO 30 DAYS/);
    expect(status.stdout).toMatch(/\ndb-prod-eu\s+(missed|failing)\s/);
    const json = JSON.parse((await as(viewer, 'backups', 'status', '--json')).stdout) as {
      items: { assetKey: string }[];
    };
    expect(json.items.map((item) => item.assetKey)).toContain('fileserver-01');
    // Before any run was recorded, nothing had been backed up: every asset had no success.
    const before = JSON.parse(
      (await as(viewer, '--json', 'backups', 'status', '--at', '2026-01-01T00:00:00Z')).stdout,
    ) as { at: string; items: { lastSuccessAt: string | null }[] };
    expect(before.at).toBe('2026-01-01T00:00:00.000Z');
    expect(before.items.every((item) => item.lastSuccessAt === null)).toBe(true);

    const open = JSON.parse(
      (await as(viewer, 'backups', 'incidents', '--open', '--json')).stdout,
    ) as { assetKey: string; kind: string; closedAt: string | null }[];
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((incident) => incident.closedAt === null)).toBe(true);
    expect(open.map((incident) => incident.kind)).toContain('run_failed');
    const table = await as(viewer, 'backups', 'incidents', '--open');
    expect(table.stdout).toMatch(/^BEGAN AT\s+ASSET\s+KIND\s+STATE\s+ALERTS\s+SUMMARY/);
    expect(table.stdout).toMatch(/\sopen\s/);
    expect((await as(writer, 'backups', 'incidents')).code).toBe(3);
  });
});
