import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackJob } from '../../src/modules/packs/pack.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { readZip, seedPackPeriod, waitForPack } from './packs.fixtures.js';

/** What a hostile or careless user types: markup, both quotes, an attribute break-out. */
const PLANTED = `<script>alert("x")</script>'"><img src=x onerror=alert(1)>`;

/**
 * Every user-entered field that the printable pages show carries markup; the pack's index and its
 * walkthrough pages, and the walkthrough download, must show it as text, never as markup.
 */
describe('printable pages escape every user-entered field', () => {
  const clock = new FixedClock('2026-03-01T00:00:00Z');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-escape-'));
  let t: TestApp;
  let admin: string;
  let pages: Map<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    await seedPackPeriod(t, clock, admin);
    const ok = async (method: 'POST', url: string, body: unknown) => {
      const response = await t.call(admin, method, url, body);
      expect(response.statusCode, response.body).toBe(201);
    };
    await ok('POST', '/api/v1/suppliers', {
      key: 'planted-supplier',
      name: `Supplier ${PLANTED}`,
      services: PLANTED,
      certifications: [{ name: `Cert ${PLANTED}`, expiresOn: '2027-01-01' }],
    });
    await ok('POST', '/api/v1/assets', {
      key: 'planted-asset',
      name: `Asset ${PLANTED}`,
      purpose: PLANTED,
      category: 'server',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'internal',
      supplierKey: 'planted-supplier',
      thirdPartyManaged: true,
      acceptanceCriteria: PLANTED,
      configurationReference: PLANTED,
    });
    await ok('POST', '/api/v1/processes', {
      key: 'planted-process',
      name: `Process ${PLANTED}`,
      description: PLANTED,
      ownerRole: 'quality',
      affectsConformity: true,
    });
    await ok('POST', '/api/v1/matrix', {
      processKey: 'planted-process',
      assetKey: 'planted-asset',
      conformityImpact: PLANTED,
      controlMethod: PLANTED,
      evidenceLocation: PLANTED,
    });
    const requested = await t.call(admin, 'POST', '/api/v1/reports/packs', {
      framework: 'iso9001',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(requested.statusCode, requested.body).toBe(202);
    const job = await waitForPack(t, admin, requested.json<PackJob>().id);
    expect(job.state).toBe('done');
    const download = await t.call(admin, 'GET', `/api/v1/reports/packs/${job.id}/download`);
    const file = path.join(dir, 'pack.zip');
    fs.writeFileSync(file, download.rawPayload);
    pages = new Map(
      [...(await readZip(file))]
        .filter(([name]) => name.endsWith('.html'))
        .map(([name, bytes]) => [name, bytes.toString('utf8')]),
    );
  }, 120_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function expectOnlyEscaped(page: string, where: string) {
    expect({ where, script: /<script/i.test(page) }).toEqual({ where, script: false });
    expect({ where, img: /<img/i.test(page) }).toEqual({ where, img: false });
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&quot;&gt;');
  }

  it('shows the planted text as text in the pack index and in its walkthrough pages', () => {
    const walkthroughs = [...pages.keys()].filter((name) => name !== 'index.html');
    expect(walkthroughs.length).toBeGreaterThan(0);
    expectOnlyEscaped(pages.get('index.html')!.replaceAll('\n', ' '), 'index.html');
    const planted = walkthroughs.find((name) => pages.get(name)!.includes('Process &lt;script'));
    expect(planted).toBeDefined();
    expectOnlyEscaped(pages.get(planted!)!, planted!);
    for (const name of walkthroughs) {
      expect({ name, script: /<script/i.test(pages.get(name)!) }).toEqual({ name, script: false });
    }
  });

  it('shows it as text in the walkthrough download too', async () => {
    const response = await t.call(
      admin,
      'GET',
      '/api/v1/processes/planted-process/walkthrough?from=2026-03-01&to=2026-03-31&format=html',
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expectOnlyEscaped(response.body, 'walkthrough download');
  });
});
