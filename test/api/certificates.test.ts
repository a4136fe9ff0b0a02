import fs from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CertificateDetail,
  CertificateView,
  EndpointView,
  ImportCertificatesResult,
} from '../../src/modules/certificates/certificate.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { Page } from '../../src/platform/http/paging.js';
import { certFixture, certFixturePath, FIXTURE_NOW } from '../fixtures/certs/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** An app on the fixtures' date with an admin, a viewer, and web-prod-01 holding valid.pem. */
async function certificatesWorld() {
  const clock = new FixedClock(FIXTURE_NOW);
  const t = await createTestApp({ clock });
  const admin = await t.tokenFor('admin');
  const viewer = await t.tokenFor('viewer');
  const importPem = (
    body: string | fs.ReadStream,
    options: { token?: string; query?: string; contentType?: string } = {},
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/certificates/import${options.query ? `?${options.query}` : ''}`,
      headers: {
        authorization: `Bearer ${options.token ?? admin}`,
        'content-type': options.contentType ?? 'application/x-pem-file',
      },
      payload: body,
    });
  const stored = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('tls_certificates')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const auditCount = async () =>
    (await t.ctx.db.selectFrom('audit_events').select('seq').execute()).length;

  const asset = await t.call(admin, 'POST', '/api/v1/assets', {
    key: 'web-prod-01',
    name: 'Public web server',
    category: 'server',
    environment: 'production',
    ownerRole: 'engineering',
    criticality: 'medium',
    dataClassification: 'internal',
  });
  expect(asset.statusCode, asset.body).toBe(201);
  const valid = await importPem(certFixture('valid.pem'), { query: 'asset=web-prod-01' });
  expect(valid.statusCode).toBe(201);
  return { t, admin, viewer, importPem, stored, auditCount };
}
type CertificatesWorld = Awaited<ReturnType<typeof certificatesWorld>>;

describe('certificate inventory: PEM import, lists and endpoints', () => {
  let t: TestApp;
  let admin: string;
  let viewer: string;
  let importPem: CertificatesWorld['importPem'];
  let stored: CertificatesWorld['stored'];

  beforeAll(async () => {
    ({ t, admin, viewer, importPem, stored } = await certificatesWorld());
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports a single certificate and shows every field of it', async () => {
    const response = await importPem(certFixture('expired.pem'), { query: 'asset=web-prod-01' });
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json<ImportCertificatesResult>();
    expect(result).toMatchObject({
      received: 1,
      created: 1,
      alreadyRecorded: 0,
      renewalsCompleted: 0,
    });
    const detail = await t.call(
      viewer,
      'GET',
      `/api/v1/certificates/${result.certificates[0]!.id}`,
    );
    expect(detail.statusCode).toBe(200);
    expect(detail.json<CertificateDetail>()).toMatchObject({
      subject: 'O=Plumbline Fixtures, CN=old.example.test',
      subjectAltNames: ['DNS:old.example.test'],
      issuer: 'O=Plumbline Fixtures, CN=Plumbline Fixture Intermediate CA',
      serialNumber: 'F377E378845ADAA7B3F97D0FCD45A183',
      notBefore: '2025-07-01T00:00:00.000Z',
      notAfter: '2026-06-30T00:00:00.000Z',
      daysLeft: -160,
      keyType: 'ec prime256v1',
      keySize: 256,
      isCa: false,
      assetKey: 'web-prod-01',
      source: 'import',
      supersededById: null,
      pem: certFixture('expired.pem'),
      endpoints: [],
      renewals: [],
    });
  });

  it('imports a chain and a bundle, counting certificates, and again without storing twice', async () => {
    // The first import of the chain, whichever story imported it before: its own world.
    const own = await certificatesWorld();
    try {
      await importsAChainAndABundle(own);
    } finally {
      await own.t.close();
    }
  });

  async function importsAChainAndABundle({
    importPem,
    auditCount,
  }: CertificatesWorld): Promise<void> {
    const chain = await importPem(fs.createReadStream(certFixturePath('expiring-chain.pem')));
    expect(chain.statusCode, chain.body).toBe(201);
    expect(chain.json<ImportCertificatesResult>()).toMatchObject({
      received: 2,
      created: 2,
      alreadyRecorded: 0,
    });
    // The bundle holds the intermediate the chain brought, and the root.
    const bundle = await importPem(certFixture('ca-bundle.pem'), { contentType: 'text/plain' });
    expect(bundle.statusCode).toBe(201);
    expect(bundle.json<ImportCertificatesResult>()).toMatchObject({
      received: 2,
      created: 1,
      alreadyRecorded: 1,
    });
    const before = await auditCount();
    const again = await importPem(certFixture('expiring-chain.pem'));
    expect(again.statusCode).toBe(200);
    expect(again.json<ImportCertificatesResult>()).toMatchObject({
      received: 2,
      created: 0,
      alreadyRecorded: 2,
    });
    expect(await auditCount()).toBe(before);
  }

  it.each([
    ['with-private-key.pem', 'block 2 (line 19)', /private key.*never stores private keys/],
    ['truncated.pem', 'block 1 (line 1)', /truncated/],
    ['truncated-middle.pem', 'block 1 (line 1)', /truncated/],
    ['invalid-base64.pem', 'line 3', /not base64/],
    ['not-der.pem', 'block 1 (line 1)', /not a valid X\.509 certificate/],
    ['public-key.pem', 'block 1 (line 1)', /PUBLIC KEY, not a CERTIFICATE/],
    ['no-certificate.pem', 'input', /no PEM certificate/],
    ['empty.pem', 'input', /no PEM certificate/],
  ])('refuses %s with a 400 naming %s, storing nothing', async (name, path, message) => {
    const before = await stored();
    // with-private-key.pem starts with a good certificate: it is not stored either.
    const response = await importPem(certFixture(name));
    expect(response.statusCode, response.body).toBe(400);
    const error = response.json<{
      error: { code: string; issues: { path: string; message: string }[] };
    }>().error;
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{ path, message: expect.stringMatching(message) as string }]);
    expect(await stored()).toBe(before);
  });

  it('refuses an import for an unknown asset and an import by a viewer', async () => {
    const unknown = await importPem(certFixture('renewed.pem'), { query: 'asset=no-such-asset' });
    expect(unknown.statusCode).toBe(404);
    const denied = await importPem(certFixture('renewed.pem'), { token: viewer });
    expect(denied.statusCode).toBe(403);
    const badQuery = await importPem(certFixture('renewed.pem'), { query: 'asset=NOT%20A%20KEY' });
    expect(badQuery.statusCode).toBe(400);
    expect(badQuery.json<{ error: { issues: { path: string }[] } }>().error.issues[0]!.path).toBe(
      'querystring.asset',
    );
  });

  it('lists certificates by expiry, a page at a time, filtered by days left', async () => {
    await importPem(certFixture('expiring-chain.pem'));
    await importPem(certFixture('ca-bundle.pem'));
    const all = (await t.call(viewer, 'GET', '/api/v1/certificates')).json<Page<CertificateView>>();
    expect(all.nextCursor).toBeNull();
    const notAfters = all.items.map((c) => c.notAfter);
    expect(notAfters).toEqual([...notAfters].sort());
    expect(all.items.map((c) => c.subject)).toEqual(
      expect.arrayContaining([
        'O=Plumbline Fixtures, CN=www.example.test',
        'O=Plumbline Fixtures, CN=api.example.test',
        'CN=Plumbline Fixture Root CA, O=Plumbline Fixtures',
      ]),
    );
    const paged: CertificateView[] = [];
    let cursor: string | null = null;
    do {
      const response = await t.call(
        viewer,
        'GET',
        `/api/v1/certificates?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page: Page<CertificateView> = response.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged).toEqual(all.items);

    const soon = (await t.call(viewer, 'GET', '/api/v1/certificates?expiringWithinDays=30')).json<
      Page<CertificateView>
    >().items;
    expect(soon.every((c) => c.daysLeft < 30)).toBe(true);
    expect(soon.find((c) => c.subject.endsWith('CN=api.example.test'))).toMatchObject({
      subjectAltNames: ['DNS:api.example.test', 'IP:127.0.0.1'],
      notAfter: '2026-12-26T00:00:00.000Z',
      daysLeft: 19,
    });
    const leaves = (await t.call(viewer, 'GET', '/api/v1/certificates?includeCa=false')).json<
      Page<CertificateView>
    >().items;
    expect(leaves.length).toBeGreaterThan(0);
    expect(leaves.every((c) => !c.isCa)).toBe(true);
    const forAsset = (await t.call(viewer, 'GET', '/api/v1/certificates?asset=web-prod-01')).json<
      Page<CertificateView>
    >().items;
    expect(forAsset.every((c) => c.assetKey === 'web-prod-01')).toBe(true);

    const bad = await t.call(viewer, 'GET', '/api/v1/certificates?expiringWithinDays=soon');
    expect(bad.statusCode).toBe(400);
    const badCursor = await t.call(viewer, 'GET', '/api/v1/certificates?cursor=abc');
    expect(badCursor.statusCode).toBe(400);
    const missing = await t.call(
      viewer,
      'GET',
      '/api/v1/certificates/00000000-0000-4000-8000-000000000000',
    );
    expect(missing.statusCode).toBe(404);
  });

  it('adds endpoints, refuses a duplicate and a bad port, and lists them', async () => {
    const created = await t.call(admin, 'POST', '/api/v1/tls-endpoints', {
      host: 'WWW.Example.Test',
      port: 443,
      asset: 'web-prod-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json<EndpointView>()).toMatchObject({
      host: 'www.example.test',
      port: 443,
      assetKey: 'web-prod-01',
      lastProbe: null,
    });
    const duplicate = await t.call(admin, 'POST', '/api/v1/tls-endpoints', {
      host: 'www.example.test',
      port: 443,
    });
    expect(duplicate.statusCode).toBe(409);
    const badPort = await t.call(admin, 'POST', '/api/v1/tls-endpoints', {
      host: 'www.example.test',
      port: 70000,
    });
    expect(badPort.statusCode).toBe(400);
    expect(badPort.json<{ error: { issues: { path: string }[] } }>().error.issues[0]!.path).toBe(
      'body.port',
    );
    const byViewer = await t.call(viewer, 'POST', '/api/v1/tls-endpoints', { host: 'x.test' });
    expect(byViewer.statusCode).toBe(403);
    const list = await t.call(viewer, 'GET', '/api/v1/tls-endpoints');
    expect(list.json<Page<EndpointView>>().items.map((e) => `${e.host}:${e.port}`)).toEqual([
      'www.example.test:443',
    ]);
  });
});
