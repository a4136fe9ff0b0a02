import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeDetail, ChangeView } from '../../src/modules/changes/change.schema.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline } from './cli-harness.js';

describe('plumbline changes', () => {
  let t: TestApp;
  let url: string;
  let engineer: string;
  let viewer: string;
  const as = (token: string, ...argv: string[]) =>
    plumbline(['--url', url, '--token', token, ...argv]);

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const admin = await t.tokenFor('admin');
    engineer = await t.tokenFor('engineering');
    viewer = await t.tokenFor('viewer');
    const asset = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'lb-edge',
      name: 'Edge load balancer',
      category: 'network',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'internal',
    });
    expect(asset.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('creates, lists and shows a change, as text or JSON', async () => {
    const created = await as(
      engineer,
      '--json',
      'changes',
      'create',
      '--title',
      'Rotate the edge TLS certificate',
      '--description',
      'The current certificate expires next month.',
      '--type',
      'standard',
      '--risk',
      'low',
      '--conformity-impact',
      'None: clients keep the same trust chain.',
      '--rollback-plan',
      'Reinstall the previous certificate from the vault.',
      '--asset',
      'lb-edge',
      '--planned-start',
      '2030-01-10T20:00:00Z',
      '--planned-end',
      '2030-01-10T21:00:00Z',
    );
    expect(created.code, created.stderr).toBe(0);
    const change = JSON.parse(created.stdout) as ChangeDetail;
    expect(change).toMatchObject({
      status: 'requested',
      type: 'standard',
      assets: [{ key: 'lb-edge' }],
      plannedStart: '2030-01-10T20:00:00.000Z',
    });

    const listed = await as(engineer, '--json', 'changes', 'list', '--asset', 'lb-edge');
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as ChangeView[]).map((c) => c.id)).toEqual([change.id]);
    const table = await as(engineer, 'changes', 'list');
    expect(table.stdout).toContain(change.number);

    const shown = await as(engineer, 'changes', 'show', change.id);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('Rotate the edge TLS certificate');
    expect(shown.stdout).toContain('approval: pending');
    expect(shown.stdout).toContain('approved before implemented: not yet known');
  });

  it('refuses a malformed request naming the option, and a role without access', async () => {
    const bad = await as(
      engineer,
      'changes',
      'create',
      '--title',
      'x',
      '--description',
      'x',
      '--type',
      'normal',
      '--risk',
      'low',
      '--conformity-impact',
      'none',
      '--rollback-plan',
      'revert',
      '--asset',
      'no-such-asset',
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('no-such-asset');
    expect((await as(viewer, 'changes', 'list')).code).not.toBe(0);
  });
});
