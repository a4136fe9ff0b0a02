import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSystem } from '../api/accounts.fixtures.js';
import { plumbline } from './cli-harness.js';

const fixture = (name: string) => new URL(`../fixtures/accounts/${name}`, import.meta.url).pathname;

describe('plumbline accounts and people', () => {
  let t: TestApp;
  let url: string;
  let security: string;
  let viewer: string;
  const as = (token: string, ...argv: string[]) =>
    plumbline(['--url', url, '--token', token, ...argv]);

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    security = await t.tokenFor('security');
    viewer = await t.tokenFor('viewer');
    await createSystem(t, security, 'aws-prod');
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports people, ingests an IAM credential report twice, and lists the accounts', async () => {
    const people = await as(security, '--json', 'people', 'import', fixture('people.csv'));
    expect(people.code, people.stderr).toBe(0);
    expect(JSON.parse(people.stdout)).toMatchObject({ received: 3, created: 3 });

    const ingest = (...options: string[]) =>
      as(
        security,
        ...options,
        'accounts',
        'ingest',
        '--asset',
        'aws-prod',
        '--format',
        'aws-iam-credential-report',
        '--taken-at',
        '2026-12-01T09:00:00Z',
        fixture('iam-credential-report.csv'),
      );
    const first = await ingest('--json');
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      received: 4,
      created: 4,
      alreadyRecorded: 0,
      removed: 0,
    });
    const second = await ingest('--json');
    expect(JSON.parse(second.stdout)).toMatchObject({
      received: 4,
      created: 0,
      alreadyRecorded: 4,
      removed: 0,
      snapshotRecorded: false,
    });
    const human = await ingest();
    expect(human.stdout).toContain('already imported');

    const listed = await as(security, '--json', 'accounts', 'list', '--asset', 'aws-prod');
    expect(listed.code, listed.stderr).toBe(0);
    const rows = JSON.parse(listed.stdout) as { username: string; person: string }[];
    expect(rows.map((row) => row.username)).toEqual([
      '<root_account>',
      'alice@example.test',
      'bob@example.test',
      'deploy-bot',
    ]);
    expect(rows.find((row) => row.username === 'bob@example.test')?.person).toBe(
      'bob@example.test',
    );
    const table = await as(security, 'accounts', 'list', '--asset', 'aws-prod');
    expect(table.stdout).toContain('unrequested');
  });

  it('names the malformed line and exits non-zero, and refuses a viewer', async () => {
    const malformed = await as(
      security,
      'accounts',
      'ingest',
      '--asset',
      'aws-prod',
      '--format',
      'aws-iam-credential-report',
      fixture('iam-credential-report-malformed.csv'),
    );
    expect(malformed.code).not.toBe(0);
    expect(malformed.stderr).toContain('line 4: mfa_active');
    const refused = await as(
      viewer,
      'accounts',
      'ingest',
      '--asset',
      'aws-prod',
      '--format',
      'csv',
      fixture('accounts.csv'),
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('accounts:import');
  });
});
