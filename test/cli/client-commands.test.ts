import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline, temporaryDirectory, unusedLocalUrl, type CliResult } from './cli-harness.js';

const GOOD_CSV = [
  'key,name,category,environment,owner_role,criticality,criticality_rationale,data_classification,supplier,tags',
  'db-prod-eu,Production database,database,production,engineering,critical,Holds every analysis record,confidential,nimbus-cloud,patient-data;tier:1',
  'web-prod,Marketing website,application,production,engineering,low,,public,,',
  'laptops-staff,Staff laptops,endpoint,corporate,security,medium,,internal,,endpoints',
  '',
].join('\n');

const BAD_CSV = [
  'key,name,category,environment,owner_role,criticality,criticality_rationale,data_classification,supplier',
  'rocket-1,Rocket,spaceship,production,engineering,low,,internal,',
  'db-2,Database two,database,production,engineering,high,,internal,',
  'db-3,Database three,database,production,engineering,low,,internal,nobody',
  '',
].join('\n');

describe('plumbline client commands against a running server', () => {
  let t: TestApp;
  let url: string;
  let adminToken: string;
  let viewerToken: string;
  const files = temporaryDirectory('plumbline-cli-');
  const file = (name: string, content?: string) => {
    const filePath = path.join(files.path, name);
    if (content !== undefined) fs.writeFileSync(filePath, content);
    return filePath;
  };
  const as = (token: string, argv: string[]): Promise<CliResult> =>
    plumbline(['--url', url, '--token', token, ...argv]);
  const asAdmin = (...argv: string[]) => as(adminToken, argv);
  const assetKeys = async () => {
    const response = await t.call(adminToken, 'GET', '/api/v1/assets');
    return response.json<{ items: { key: string }[] }>().items.map((asset) => asset.key);
  };

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    adminToken = await t.tokenFor('admin');
    viewerToken = await t.tokenFor('viewer');
    const supplier = await t.call(adminToken, 'POST', '/api/v1/suppliers', {
      key: 'nimbus-cloud',
      name: 'Nimbus Cloud',
    });
    expect(supplier.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    files.remove();
  });

  it('health reports the server status, database and version', async () => {
    const result = await plumbline(['--url', url, 'health']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^ok \((pglite|postgresql), version \d+\.\d+\.\d+\)$/m);
  });

  it('a dry run reports what an import would do and writes nothing', async () => {
    const result = await asAdmin('assets', 'import', file('good.csv', GOOD_CSV), '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dry run: 3 rows, 3 to create, 0 to update, 0 unchanged');
    expect(await assetKeys()).toEqual([]);
  });

  it('a file with bad rows fails with one line per problem, by line and column', async () => {
    const result = await asAdmin('assets', 'import', file('bad.csv', BAD_CSV));
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^line 2 \(category\): .+/);
    expect(lines).toContain('line 3 (criticality_rationale): is required when criticality is high');
    expect(lines).toContain('line 4 (supplier): no supplier with key nobody');
    expect(result.stdout).toContain('Nothing written');
    expect(await assetKeys()).toEqual([]);
  });

  it('a file with an unknown column is refused as a whole, naming the header line', async () => {
    const result = await asAdmin(
      'assets',
      'import',
      file('header.csv', GOOD_CSV.replace('tags', 'colour')),
    );
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toBe('Line 1: unknown column(s): colour\n');
  });

  it('an unreadable file fails before anything is sent', async () => {
    const result = await asAdmin('assets', 'import', file('missing.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Cannot read .*missing\.csv/);
  });

  it('a good file is imported', async () => {
    const result = await asAdmin('assets', 'import', file('good.csv'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Imported: 3 rows, 3 to create');
    expect(await assetKeys()).toEqual(['db-prod-eu', 'laptops-staff', 'web-prod']);
  });

  it('assets list --json prints the assets as JSON', async () => {
    const result = await asAdmin('--json', 'assets', 'list');
    expect(result.code).toBe(0);
    const items = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(items.map((item) => item.key)).toEqual(['db-prod-eu', 'laptops-staff', 'web-prod']);
    expect(items[0]).toMatchObject({
      key: 'db-prod-eu',
      category: 'database',
      supplierKey: 'nimbus-cloud',
      criticality: 'critical',
      tags: ['patient-data', 'tier:1'],
    });
  });

  it('assets list prints a table and filters', async () => {
    const result = await asAdmin('assets', 'list', '--environment', 'corporate');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^KEY\s+NAME\s+CATEGORY/);
    expect(result.stdout).toContain('laptops-staff');
    expect(result.stdout).not.toContain('db-prod-eu');
  });

  it('assets get shows one asset, and exit 3 for an unknown key', async () => {
    const found = await asAdmin('assets', 'get', 'web-prod');
    expect(found.code).toBe(0);
    expect(JSON.parse(found.stdout)).toMatchObject({
      key: 'web-prod',
      dataClassification: 'public',
    });
    const missing = await asAdmin('assets', 'get', 'no-such-asset');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('not found');
  });

  it('an export imports back unchanged', async () => {
    const exported = file('exported.csv');
    expect((await asAdmin('assets', 'export', '-o', exported)).code).toBe(0);
    const csv = fs.readFileSync(exported, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/^key,name,category,purpose,supplier,/);
    const reimport = await asAdmin('assets', 'import', exported);
    expect(reimport.code).toBe(0);
    expect(reimport.stdout).toContain('0 to create, 0 to update, 3 unchanged, 0 with errors');
    const again = await asAdmin('assets', 'export');
    expect(again.stdout).toBe(csv);
  });

  it('matrix export writes the process-to-infrastructure matrix as CSV', async () => {
    await t.call(adminToken, 'POST', '/api/v1/processes', {
      key: 'service-delivery',
      name: 'Service delivery',
      ownerRole: 'engineering',
      affectsConformity: true,
    });
    const link = await t.call(adminToken, 'POST', '/api/v1/matrix', {
      processKey: 'service-delivery',
      assetKey: 'db-prod-eu',
      conformityImpact: 'Analysis records lost',
      controlMethod: 'Daily backup, monthly restore test',
      evidenceLocation: 'Plumbline backup runs',
    });
    expect(link.statusCode).toBe(201);
    const out = file('matrix.csv');
    expect((await asAdmin('matrix', 'export', '-o', out)).code).toBe(0);
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'process_key,process_name,process_owner_role,affects_conformity,asset_key,asset_name,asset_criticality,third_party_managed,conformity_impact,control_method,evidence_location',
    );
    expect(lines[1]).toMatch(/^service-delivery,Service delivery,engineering,true,db-prod-eu,/);
    expect(lines).toHaveLength(2);
  });

  it('tokens can be created, listed, used and revoked', async () => {
    const created = await asAdmin(
      '--json',
      'tokens',
      'create',
      '--name',
      'ci',
      '--role',
      'engineering',
    );
    expect(created.code).toBe(0);
    const { token, apiToken } = JSON.parse(created.stdout) as {
      token: string;
      apiToken: { id: string; name: string; role: string };
    };
    expect(apiToken).toMatchObject({ name: 'ci', role: 'engineering' });

    const listed = await asAdmin('--json', 'tokens', 'list');
    const tokens = JSON.parse(listed.stdout) as { id: string; revokedAt: string | null }[];
    expect(tokens.find((item) => item.id === apiToken.id)).toMatchObject({ revokedAt: null });

    expect((await as(token, ['assets', 'list'])).code).toBe(0);
    const revoked = await asAdmin('tokens', 'revoke', apiToken.id);
    expect(revoked).toMatchObject({ code: 0, stdout: 'Revoked ci\n' });
    const refused = await as(token, ['assets', 'list']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('invalid, expired or revoked');
  });

  it('tokens create prints the secret once in plain mode', async () => {
    const created = await asAdmin('tokens', 'create', '--name', 'backup-job', '--role', 'viewer');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^Token \(shown once, store it now\):\nplb_\S+\n$/);
  });

  it('users --json lists the accounts', async () => {
    const person = await t.createUser('quality', 'lena@example.test');
    const result = await asAdmin('--json', 'users');
    expect(result.code).toBe(0);
    const users = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(users).toContainEqual(
      expect.objectContaining({ email: person.email, role: 'quality', mfaEnabled: false }),
    );
  });

  it('a caller whose role does not allow the action gets exit 3 and nothing is written', async () => {
    const importing = await as(viewerToken, [
      'assets',
      'import',
      file('more.csv', GOOD_CSV.replace('db-prod-eu', 'db-new')),
    ]);
    expect(importing.code).toBe(3);
    expect(importing.stderr).toContain('does not allow register:import');
    expect(await assetKeys()).not.toContain('db-new');
    expect((await as(viewerToken, ['users'])).code).toBe(3);
  });

  it('reads the server URL and the token from PLUMBLINE_URL and PLUMBLINE_TOKEN', async () => {
    const result = await plumbline(['--json', 'assets', 'list'], {
      PLUMBLINE_URL: url,
      PLUMBLINE_TOKEN: adminToken,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toHaveLength(3);
    const anonymous = await plumbline(['assets', 'list'], { PLUMBLINE_URL: url });
    expect(anonymous.code).toBe(3);
  });
});

describe('plumbline usage errors and connection failures', () => {
  it('an unknown command exits 2', async () => {
    const result = await plumbline(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'frobnicate'");
  });

  it('an unknown option exits 2', async () => {
    const result = await plumbline(['assets', 'list', '--colour']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--colour'");
  });

  it('a missing required option exits 2', async () => {
    const result = await plumbline(['tokens', 'create', '--name', 'ci']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--role');
  });

  it('--help and --version exit 0', async () => {
    expect((await plumbline(['--help'])).code).toBe(0);
    const version = await plumbline(['--version']);
    expect(version).toMatchObject({ code: 0 });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('a server that cannot be reached exits 5', async () => {
    const url = await unusedLocalUrl();
    const result = await plumbline(['--url', url, 'health']);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`Cannot reach Plumbline at ${url}`);
  });
});
