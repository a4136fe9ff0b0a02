import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertExpiredProductionCertificates,
  openCertificateRenewals,
} from '../../src/modules/certificates/certificate-expiry.js';
import { certificateJob } from '../../src/modules/certificates/certificate-job.js';
import type {
  CertificateDetail,
  EndpointView,
  ImportCertificatesResult,
  ProbeResultView,
} from '../../src/modules/certificates/certificate.schema.js';
import { createTlsProber } from '../../src/modules/certificates/probe-tls.js';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import { getOccurrence, listOccurrences } from '../../src/modules/occurrences/list-occurrences.js';
import { FixedClock } from '../../src/platform/clock.js';
import { certFixture, FIXTURE_NOW } from '../fixtures/certs/fixtures.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface TestServer {
  port: number;
  /** Serves another certificate or protocol range from now on (a renewal deployed). */
  serve(cert: string, key: string, options?: tls.SecureContextOptions): void;
  close(): Promise<void>;
}

/** A TLS server on loopback presenting the fixture certificate (and chain) given. */
async function startServer(
  cert: string,
  key: string,
  options: tls.TlsOptions = {},
): Promise<TestServer> {
  const server = tls.createServer({ cert, key, ...options }, (socket) => socket.end());
  // A handshake refused by the server is an error on its side too; the probe records it.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    serve: (newCert, newKey, newOptions = {}) =>
      server.setSecureContext({ cert: newCert, key: newKey, ...newOptions }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const chainOf = (leaf: string) => certFixture(`${leaf}.pem`) + certFixture('intermediate-ca.pem');
const keyOf = (leaf: string) => certFixture(`${leaf}.key.pem`);

/** A test app on a fixed clock, with helpers to add assets and endpoints and to probe them. */
function useProbeApp() {
  const clock = new FixedClock(FIXTURE_NOW);
  const h = {
    clock,
    t: undefined as unknown as TestApp,
    admin: '',
    servers: [] as TestServer[],
    asset: async (key: string, category = 'server', environment = 'production') => {
      const response = await h.t.call(h.admin, 'POST', '/api/v1/assets', {
        key,
        name: key,
        category,
        environment,
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'internal',
      });
      expect(response.statusCode, response.body).toBe(201);
    },
    endpoint: async (port: number, assetKey?: string): Promise<EndpointView> => {
      const response = await h.t.call(h.admin, 'POST', '/api/v1/tls-endpoints', {
        host: '127.0.0.1',
        port,
        ...(assetKey ? { asset: assetKey } : {}),
      });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    },
    probe: async (id: string): Promise<ProbeResultView> => {
      const response = await h.t.call(h.admin, 'POST', `/api/v1/tls-endpoints/${id}/probe`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    },
    certificate: async (id: string): Promise<CertificateDetail> => {
      return (await h.t.call(h.admin, 'GET', `/api/v1/certificates/${id}`)).json();
    },
    importPem: async (name: string, assetKey?: string): Promise<ImportCertificatesResult> => {
      const response = await h.t.app.inject({
        method: 'POST',
        url: `/api/v1/certificates/import${assetKey ? `?asset=${assetKey}` : ''}`,
        headers: { authorization: `Bearer ${h.admin}`, 'content-type': 'application/x-pem-file' },
        payload: certFixture(name),
      });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json();
    },
    server: async (leaf: string, options: tls.TlsOptions = {}): Promise<TestServer> => {
      const started = await startServer(chainOf(leaf), keyOf(leaf), options);
      h.servers.push(started);
      return started;
    },
  };
  beforeAll(async () => {
    h.t = await createTestApp({ clock });
    h.admin = await h.t.tokenFor('admin');
    await h.t.createUser('engineering', 'oncall@example.test');
  });
  afterAll(async () => {
    for (const started of h.servers) await started.close();
    await h.t.close();
  });
  return h;
}

// The valid certificate lists every endpoint that presents it: the story asserting it is presented
// on one endpoint only has its own app.
describe('probing a valid TLS endpoint', () => {
  const h = useProbeApp();
  const { asset, endpoint, probe, certificate, server } = h;

  it('records the chain, protocol and cipher of a valid endpoint', async () => {
    await asset('web-valid');
    const listening = await server('valid');
    const created = await endpoint(listening.port, 'web-valid');
    const result = await probe(created.id);
    expect(result).toMatchObject({ outcome: 'ok', finding: false, protocol: 'TLSv1.3' });
    expect(result.cipher).toMatch(/^TLS_/);
    const leaf = await certificate(result.leafCertificateId!);
    expect(leaf).toMatchObject({
      subject: 'O=Plumbline Fixtures, CN=www.example.test',
      source: 'probe',
      notAfter: '2027-12-31T00:00:00.000Z',
      endpoints: [{ id: created.id, host: '127.0.0.1', port: listening.port }],
    });
    const probes = await h.t.ctx.db
      .selectFrom('tls_probes')
      .select(['chain_certificate_ids'])
      .where('endpoint_id', '=', created.id)
      .execute();
    expect(probes).toHaveLength(1);
    expect(probes[0]!.chain_certificate_ids).toHaveLength(2);
    const listed = (await h.t.call(h.admin, 'GET', '/api/v1/tls-endpoints?asset=web-valid')).json<{
      items: EndpointView[];
    }>();
    expect(listed.items[0]!.lastProbe).toMatchObject({ outcome: 'ok', finding: false });
  });
});

describe('probing TLS endpoints', () => {
  const h = useProbeApp();
  const { clock, asset, endpoint, probe, certificate, server } = h;

  it('records an expired certificate and alerts on it when the endpoint is in production', async () => {
    await asset('web-expired');
    const listening = await server('expired');
    const created = await endpoint(listening.port, 'web-expired');
    const result = await probe(created.id);
    expect(result.outcome).toBe('ok');
    expect((await certificate(result.leafCertificateId!)).daysLeft).toBeLessThan(0);
    expect(await alertExpiredProductionCertificates(h.t.ctx)).toBe(1);
    // Deduplicated: the next run queues nothing more.
    expect(await alertExpiredProductionCertificates(h.t.ctx)).toBe(0);
    const messages = await h.t.ctx.db
      .selectFrom('outbox_messages')
      .select(['recipient', 'subject', 'category'])
      .where('category', '=', 'certificate-expired')
      .execute();
    expect(messages).toEqual([
      {
        recipient: 'oncall@example.test',
        subject: `Certificate expired: 127.0.0.1:${listening.port} (web-expired)`,
        category: 'certificate-expired',
      },
    ]);
  });

  it('flags a server that also accepts TLS 1.0 at a lowered security level', async () => {
    const listening = await server('valid', {
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    const created = await endpoint(listening.port);
    const result = await probe(created.id);
    expect(result).toMatchObject({
      outcome: 'legacy_protocol_accepted',
      finding: true,
      protocol: 'TLSv1.3',
    });
    expect(result.detail).toMatch(/also accepts TLSv1/);
  });

  it('records a server offering only TLS 1.0 as a finding, with its chain', async () => {
    const listening = await server('expiring', {
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1',
      ciphers: 'DEFAULT@SECLEVEL=0',
    });
    const created = await endpoint(listening.port);
    const result = await probe(created.id);
    expect(result).toMatchObject({ outcome: 'legacy_only', finding: true, protocol: 'TLSv1' });
    expect(result.leafCertificateId).not.toBeNull();
  });

  it('records "refused below TLS 1.2" when the TLS 1.0 server cannot complete a handshake', async () => {
    // At OpenSSL's default security level a TLS 1.0-only server cannot sign its handshake: it
    // refuses TLS 1.2 and fails TLS 1.0. Recorded as a finding, not passed over.
    const listening = await server('valid', { minVersion: 'TLSv1', maxVersion: 'TLSv1' });
    const created = await endpoint(listening.port);
    const result = await probe(created.id);
    expect(result).toMatchObject({
      outcome: 'refused_below_tls12',
      finding: true,
      protocol: null,
      leafCertificateId: null,
    });
    expect(result.detail).toMatch(/TLS 1\.2 and newer refused/);
  });

  it('records an endpoint where nothing listens as unreachable', async () => {
    const created = await endpoint(await closedPort());
    const result = await probe(created.id);
    expect(result).toMatchObject({ outcome: 'unreachable', finding: false });
    expect(result.detail).toMatch(/ECONNREFUSED/);
  });

  it('completes the quarterly TLS scan of an asset once every endpoint is probed clean', async () => {
    await asset('mail-prod');
    await generateOccurrences(h.t.ctx, {
      from: new Date('2026-10-01T00:00:00Z'),
      until: new Date('2026-12-31T00:00:00Z'),
    });
    const [quarter] = await listOccurrences(h.t.ctx, {
      control: 'tls-configuration-scan-quarterly',
      asset: 'mail-prod',
    });
    expect(quarter).toMatchObject({ periodKey: '2026-Q4' });
    const good = await server('valid');
    const legacyOptions = { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } as const;
    const legacy = await server('valid', legacyOptions);
    const clean = await endpoint(good.port, 'mail-prod');
    const flagged = await endpoint(legacy.port, 'mail-prod');
    await probe(clean.id);
    expect((await probe(flagged.id)).finding).toBe(true);
    expect((await getOccurrence(h.t.ctx, quarter!.id)).status).toBe('due');
    // TLS 1.0 and 1.1 are switched off; the next probe of that endpoint is clean.
    legacy.serve(chainOf('valid'), keyOf('valid'), { minVersion: 'TLSv1.2' });
    expect((await probe(flagged.id)).outcome).toBe('ok');
    const verified = await getOccurrence(h.t.ctx, quarter!.id);
    expect(verified.status).toBe('verified');
    expect(verified.events[0]!.note).toMatch(
      /^TLS scan of every endpoint: 127\.0\.0\.1:\d+ TLSv1\.3, 127\.0\.0\.1:\d+ TLSv1\.3;/,
    );
  });

  it('runs as a periodic job once per hour across instances', async () => {
    const listening = await server('valid');
    await endpoint(listening.port);
    const observed: string[] = [];
    const prober = createTlsProber({ timeoutMs: 2000 });
    const job = certificateJob(h.t.ctx, {
      prober: async (host, port) => {
        observed.push(`${host}:${port}`);
        return prober(host, port);
      },
    });
    clock.set('2026-12-06T15:10:00Z');
    try {
      const first = (await job.run()) as { probes: number } | null;
      expect(first?.probes).toBeGreaterThan(0);
      expect(observed.length).toBe(first!.probes);
      expect(observed).toContain(`127.0.0.1:${listening.port}`);
      const other = certificateJob(h.t.ctx, { prober: () => Promise.reject(new Error('not run')) });
      expect(await other.run()).toBeNull();
    } finally {
      clock.set(FIXTURE_NOW);
    }
  });
});

describe('certificate renewal seen on an endpoint', () => {
  const h = useProbeApp();
  const { asset, endpoint, probe, certificate, server } = h;

  it('opens the renewal 30 days before expiry, and a newer certificate on the endpoint completes it', async () => {
    await asset('api-prod');
    const listening = await server('expiring');
    const created = await endpoint(listening.port, 'api-prod');
    const first = await probe(created.id);
    expect(await openCertificateRenewals(h.t.ctx)).toBe(1);
    const [occurrence] = await listOccurrences(h.t.ctx, {
      control: 'tls-renewal-before-expiry',
      asset: 'api-prod',
    });
    expect(occurrence).toMatchObject({
      opensAt: '2026-11-26T00:00:00.000Z',
      // Due at the expiry: renewed before it expires.
      dueAt: '2026-12-26T00:00:00.000Z',
      // Ten days after it opened, twenty before the expiry: open, not late.
      status: 'due',
    });
    expect((await certificate(first.leafCertificateId!)).renewals).toEqual([
      expect.objectContaining({
        assetKey: 'api-prod',
        occurrenceId: occurrence!.id,
        dueAt: '2026-12-26T00:00:00.000Z',
        status: 'due',
        renewedByCertificateId: null,
      }),
    ]);
    // Running again opens nothing twice.
    expect(await openCertificateRenewals(h.t.ctx)).toBe(0);

    listening.serve(chainOf('renewed'), keyOf('renewed'));
    const second = await probe(created.id);
    expect(second.leafCertificateId).not.toBe(first.leafCertificateId);
    const completed = await getOccurrence(h.t.ctx, occurrence!.id);
    expect(completed.status).toBe('verified');
    expect(completed.events.map((e) => e.kind)).toEqual(['completed', 'verified']);
    expect(completed.events[0]!.note).toContain(`certificate ${second.leafCertificateId}`);
    const replaced = await certificate(first.leafCertificateId!);
    expect(replaced.supersededById).toBe(second.leafCertificateId);
    expect(replaced.renewals[0]).toMatchObject({
      renewedByCertificateId: second.leafCertificateId,
      status: 'verified',
    });
    // The renewed certificate has a year left: nothing more is opened.
    expect(await openCertificateRenewals(h.t.ctx)).toBe(0);
  });
});

describe('certificate renewal by import, through a controlled clock', () => {
  const h = useProbeApp();
  const { clock, asset, certificate, importPem } = h;

  it('opens the renewal at 30 days before expiry and completes it with the renewed certificate', async () => {
    await asset('lb-prod', 'network');
    clock.set('2026-11-01T00:00:00Z');
    try {
      const imported = await importPem('expiring.pem', 'lb-prod');
      const oldId = imported.certificates[0]!.id;
      expect(await openCertificateRenewals(h.t.ctx)).toBe(0);
      expect(
        await listOccurrences(h.t.ctx, { control: 'tls-renewal-before-expiry', asset: 'lb-prod' }),
      ).toEqual([]);

      clock.set('2026-11-25T23:59:59Z');
      expect(await openCertificateRenewals(h.t.ctx)).toBe(0);
      clock.set('2026-11-26T00:00:00Z');
      expect(await openCertificateRenewals(h.t.ctx)).toBe(1);
      const [opened] = await listOccurrences(h.t.ctx, {
        control: 'tls-renewal-before-expiry',
        asset: 'lb-prod',
      });
      expect(opened).toMatchObject({
        opensAt: '2026-11-26T00:00:00.000Z',
        dueAt: '2026-12-26T00:00:00.000Z',
        status: 'due',
      });

      clock.set('2026-11-28T09:00:00Z');
      const renewed = await importPem('renewed.pem');
      expect(renewed).toMatchObject({ received: 1, created: 1, renewalsCompleted: 1 });
      const completed = await getOccurrence(h.t.ctx, opened!.id);
      expect(completed.status).toBe('verified');
      expect(completed.events[0]!.note).toContain(`certificate ${renewed.certificates[0]!.id}`);
      expect(await certificate(oldId)).toMatchObject({
        supersededById: renewed.certificates[0]!.id,
        renewals: [
          expect.objectContaining({
            renewedByCertificateId: renewed.certificates[0]!.id,
            renewedAt: '2026-11-28T09:00:00.000Z',
          }),
        ],
      });
      // Imported again: nothing new, nothing completed twice.
      expect(await importPem('renewed.pem')).toMatchObject({
        created: 0,
        alreadyRecorded: 1,
        renewalsCompleted: 0,
      });
    } finally {
      clock.set(FIXTURE_NOW);
    }
  });
});
