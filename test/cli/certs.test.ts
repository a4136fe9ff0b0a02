import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/platform/clock.js';
import { certFixturePath, FIXTURE_NOW } from '../fixtures/certs/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline } from './cli-harness.js';

describe('plumbline certs', () => {
  let t: TestApp;
  let url: string;
  let admin: string;
  let viewer: string;
  const as = (token: string, ...argv: string[]) =>
    plumbline(['--url', url, '--token', token, ...argv]);

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock(FIXTURE_NOW) });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await t.tokenFor('admin');
    viewer = await t.tokenFor('viewer');
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports a chain, counting certificates, and again without storing twice (--json)', async () => {
    const file = certFixturePath('expiring-chain.pem');
    const first = await as(admin, '--json', 'certs', 'import', file);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ received: 2, created: 2, alreadyRecorded: 0 });
    const again = await as(admin, 'certs', 'import', file);
    expect(again).toEqual({
      code: 0,
      stdout: 'Imported 2 certificates: 0 new, 2 already recorded.\n',
      stderr: '',
    });
  });

  it('refuses a file with a private key, naming the block, and exits 1', async () => {
    const result = await as(admin, 'certs', 'import', certFixturePath('with-private-key.pem'));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/block 2 \(line 19\): is a private key \(PRIVATE KEY\)/);
    const truncated = await as(admin, 'certs', 'import', certFixturePath('truncated.pem'));
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(/block 1 \(line 1\): the CERTIFICATE block is truncated/);
    const missing = await as(admin, 'certs', 'import', path.join(certFixturePath('.'), 'nope.pem'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Cannot read /);
  });

  it('lists certificates expiring within some days as JSON with subject, SANs and notAfter', async () => {
    const imported = await as(admin, 'certs', 'import', certFixturePath('valid.pem'));
    expect(imported.code).toBe(0);
    await as(admin, 'certs', 'import', certFixturePath('expiring.pem'));
    const soon = await as(viewer, '--json', 'certs', 'list', '--expiring-within', '30');
    expect(soon.code, soon.stderr).toBe(0);
    const listed = JSON.parse(soon.stdout) as Record<string, unknown>[];
    expect(listed).toEqual([
      expect.objectContaining({
        subject: 'O=Plumbline Fixtures, CN=api.example.test',
        subjectAltNames: ['DNS:api.example.test', 'IP:127.0.0.1'],
        notAfter: '2026-12-26T00:00:00.000Z',
        daysLeft: 19,
      }),
    ]);
    const all = await as(viewer, 'certs', 'list');
    expect(all.stdout).toContain('CN=www.example.test');
    expect(all.stdout).toContain('DNS:www.example.test DNS:example.test');
    const bad = await as(viewer, 'certs', 'list', '--expiring-within', 'soon');
    expect(bad.code).toBe(2);
  });

  it('adds an endpoint and lists it; a viewer may not import', async () => {
    const added = await as(admin, '--json', 'certs', 'add-endpoint', '127.0.0.1', '8443');
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ host: '127.0.0.1', port: 8443 });
    const listed = await as(viewer, '--json', 'certs', 'endpoints');
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ host: '127.0.0.1', port: 8443, lastProbe: null }),
    ]);
    const denied = await as(viewer, 'certs', 'import', certFixturePath('valid.pem'));
    expect(denied.code).toBe(3);
  });
});
