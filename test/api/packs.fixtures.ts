import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import type { PackJob } from '../../src/modules/packs/pack.schema.js';
import type { WorkOrderDetail } from '../../src/modules/work-orders/work-order.schema.js';
import type { FixedClock } from '../../src/platform/clock.js';
import { TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { signedInPerson, uploadAs } from '../support/factory.js';

/** The bytes of the evidence file attached in the seeded period. */
export const PATCH_REPORT = Buffer.from('%PDF-1.4\npatch level 2026-03 on web-1: all applied\n');
export const RESTORE_REPORT = Buffer.from(
  'restore of db-1 from 2026-03-24 snapshot: 412 s, checks passed\n',
);

/**
 * March 2026 with a server, its monthly patching occurrence done by an engineer with a patch report
 * attached, and a nonconformance-free, supplier-backed register. The clock ends in April.
 */
export async function seedPackPeriod(t: TestApp, clock: FixedClock, admin: string) {
  clock.set('2026-03-02T09:00:00Z');
  const supplier = await t.call(admin, 'POST', '/api/v1/suppliers', {
    key: 'hetzner',
    name: 'Hetzner Online',
  });
  expect(supplier.statusCode).toBe(201);
  const asset = await t.call(admin, 'POST', '/api/v1/assets', {
    key: 'web-1',
    name: 'Server web-1',
    category: 'server',
    environment: 'production',
    ownerRole: 'engineering',
    criticality: 'high',
    criticalityRationale: 'Serves the customer portal',
    dataClassification: 'internal',
    supplierKey: 'hetzner',
    acceptanceCriteria: 'Boots the hardened image and passes the smoke test',
  });
  expect(asset.statusCode).toBe(201);
  const generated = await t.call(admin, 'POST', '/api/v1/occurrences/generate', {
    from: '2026-03-01T00:00:00Z',
    until: '2026-04-30T00:00:00Z',
  });
  expect(generated.statusCode).toBe(200);
  const occurrences = (
    await t.call(admin, 'GET', '/api/v1/occurrences?control=os-patching-monthly&asset=web-1')
  ).json<{ items: OccurrenceView[] }>().items;
  const march = occurrences.find((occurrence) => occurrence.periodKey === '2026-03')!;
  expect(march).toBeDefined();

  const engineer = await t.tokenFor('engineering');
  clock.set('2026-03-20T10:00:00Z');
  const started = await t.call(engineer, 'POST', `/api/v1/occurrences/${march.id}/start`);
  expect(started.statusCode).toBe(201);
  const workOrder = (
    await t.call(engineer, 'GET', `/api/v1/work-orders/${started.json<{ id: string }>().id}`)
  ).json<WorkOrderDetail>();
  const boundary = `----pack${randomBytes(6).toString('hex')}`;
  const upload = await t.app.inject({
    method: 'POST',
    url: `/api/v1/work-orders/${workOrder.id}/evidence`,
    headers: {
      authorization: `Bearer ${engineer}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="patch report.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PATCH_REPORT,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(upload.statusCode).toBe(201);
  for (const item of workOrder.checklist) {
    const ticked = await t.call(
      engineer,
      'PATCH',
      `/api/v1/work-orders/${workOrder.id}/checklist/${item.id}`,
      { done: true },
    );
    expect(ticked.statusCode).toBe(200);
  }
  const completed = await t.call(engineer, 'POST', `/api/v1/work-orders/${workOrder.id}/complete`, {
    note: 'Patched to 2026-03',
  });
  expect(completed.statusCode).toBe(200);
  // A restore test's report, stored as the recovery module stores it (the record itself is not
  // needed for the pack, which takes recovery evidence uploaded in the period).
  const recovery = await storeRecoveryEvidence(t, RESTORE_REPORT, '2026-03-25T12:00:00Z');
  clock.set('2026-04-05T08:00:00Z');
  return {
    evidenceId: upload.json<{ id: string }>().id,
    recoveryEvidenceId: recovery.id,
    workOrder,
  };
}

/** A restore test's evidence file, stored as the recovery module stores it, uploaded at an instant. */
export async function storeRecoveryEvidence(t: TestApp, content: Buffer, uploadedAt: string) {
  const stored = await t.ctx.evidenceStore.put(Readable.from([content]));
  return t.ctx.db
    .insertInto('evidence_attachments')
    .values({
      occurrence_id: null,
      record_type: 'restore-test',
      record_id: randomUUID(),
      sha256: stored.sha256,
      size_bytes: stored.sizeBytes,
      content_type: 'text/plain',
      filename: 'restore log.txt',
      storage_key: stored.storageKey,
      uploaded_by: 'engineering',
      uploaded_at: new Date(uploadedAt),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** The customer-portal process, depending on one asset in the matrix. */
export async function linkProcessTo(t: TestApp, admin: string, assetKey: string): Promise<void> {
  const process = await t.call(admin, 'POST', '/api/v1/processes', {
    key: 'customer-portal',
    name: 'Customer portal',
    ownerRole: 'engineering',
    affectsConformity: true,
  });
  expect(process.statusCode).toBe(201);
  const row = await t.call(admin, 'POST', '/api/v1/matrix', {
    processKey: 'customer-portal',
    assetKey,
    conformityImpact: 'Customers cannot order',
    controlMethod: 'Monthly patching',
    evidenceLocation: 'Plumbline work orders',
  });
  expect(row.statusCode).toBe(201);
}

/** Polls a pack job until it is no longer queued or running. */
export async function waitForPack(t: TestApp, token: string, id: string): Promise<PackJob> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const job = (await t.call(token, 'GET', `/api/v1/reports/packs/${id}`)).json<PackJob>();
    if (job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The pack did not finish');
}

/** Every entry of a zip, read into memory (test packs are small). */
export async function readZip(file: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry))
        chunks.push(chunk as Buffer);
      entries.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return entries;
}

/** Writes a zip with the given entries, in order. */
export async function writeZip(file: string, entries: Map<string, Buffer>): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(file);
    out.on('close', resolve);
    out.on('error', reject);
    zip.outputStream.pipe(out);
  });
}

/** A signed review of the supplier hetzner (created by seedPackPeriod) with its report, at `at`. */
export async function signSupplierReviewIn(
  t: TestApp,
  clock: FixedClock,
  at: string,
): Promise<string> {
  const before = clock.now().toISOString();
  clock.set(at);
  const quality = await signedInPerson(t, 'quality');
  const created = await quality.call('POST', '/api/v1/suppliers/hetzner/reviews', {
    reportKind: 'soc2-type-2',
    reportTitle: 'Hetzner SOC 2 Type II 2025',
    periodFrom: '2025-01-01',
    periodTo: '2025-12-31',
    opinion: 'unqualified',
    cuecs: ['Customers manage their own server access'],
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<{ id: string }>().id;
  const checked = await quality.call('PATCH', `/api/v1/supplier-reviews/${id}/cuecs/1`, {
    inPlace: true,
  });
  expect(checked.statusCode).toBe(200);
  const file = await uploadAs(
    t,
    quality,
    `/api/v1/supplier-reviews/${id}/evidence`,
    'hetzner-soc2.pdf',
    Buffer.from('%PDF hetzner report'),
  );
  expect(file.statusCode).toBe(201);
  const signed = await quality.call('POST', `/api/v1/supplier-reviews/${id}/sign`, {
    decision: 'approved',
    nextReviewDue: '2027-03-01',
    password: TEST_PASSWORD,
  });
  expect(signed.statusCode, signed.body).toBe(200);
  clock.set(before);
  return file.json<{ id: string }>().id;
}

const SOP = fs.readFileSync(
  new URL('../fixtures/documents/sop-042-workspace.md', import.meta.url),
  'utf8',
);

/**
 * SOP-042 brought under control with an attested approval on 10 March (effective at once, its
 * training assigned), one engineer's training completed an hour and a half later, and a second version
 * effective on 2 April, after the period. Returns the engineer's e-mail.
 */
export async function controlDocumentInMarch(t: TestApp, clock: FixedClock): Promise<string> {
  const before = clock.now().toISOString();
  clock.set('2026-03-10T09:00:00Z');
  const trainee = await signedInPerson(t, 'engineering');
  const importVersion = async (markdown: string) => {
    // Sessions end when idle: each import signs in afresh.
    const quality = await signedInPerson(t, 'quality');
    const imported = await quality.call('POST', '/api/v1/documents/import', {
      markdown,
      attestApproval: { note: 'Approved on paper by the quality lead', password: TEST_PASSWORD },
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json<{ status: string }>().status).toBe('effective');
  };
  await importVersion(SOP);
  clock.set('2026-03-10T10:30:00Z');
  const mine = await trainee.call('GET', '/api/v1/my/training?document=SOP-042');
  expect(mine.statusCode, mine.body).toBe(200);
  expect(mine.json<{ items: unknown[] }>().items, mine.body).toHaveLength(1);
  const assignment = mine.json<{ items: { id: string }[] }>().items[0]!;
  const done = await trainee.call('POST', `/api/v1/my/training/${assignment.id}/acknowledge`, {
    password: TEST_PASSWORD,
  });
  expect(done.statusCode, done.body).toBe(200);
  clock.set('2026-04-02T09:00:00Z');
  await importVersion(`${SOP}\nA paragraph added in April.\n`);
  clock.set(before);
  return trainee.email;
}

/**
 * Incidents, a nonconformance and a CAPA around March 2026: INC-0001 opened 10 March on web-1 and
 * decided (impact) that day, raising NC-0001, answered by CAPA-0001 with its root cause and one
 * action due 20 March never done; INC-0002 opened 30 March and decided only on 2 April (after the
 * period); INC-0003 opened in April. The clock is put back where it was.
 */
export async function seedQualityRecords(t: TestApp, clock: FixedClock): Promise<void> {
  const before = clock.now().toISOString();
  // People sign in at each step's instant, so no session outlives its idle timeout.
  const open = async (at: string, title: string) => {
    clock.set(at);
    const engineer = await signedInPerson(t, 'engineering');
    const opened = await engineer.call('POST', '/api/v1/incidents', {
      title,
      severity: 'critical',
      assets: ['web-1'],
      responders: ['Jo Engineer'],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    return opened.json<{ id: string }>().id;
  };
  const decide = async (at: string, id: string, outcome: 'impact' | 'no-impact') => {
    clock.set(at);
    const quality = await signedInPerson(t, 'quality');
    const decided = await quality.call('POST', `/api/v1/incidents/${id}/decision`, {
      outcome,
      rationale: `Decided ${outcome}: portal sessions were checked one by one.`,
      password: TEST_PASSWORD,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    return decided.json<{ decision: { nonconformanceId: string | null } }>().decision;
  };
  const first = await open('2026-03-10T09:00:00Z', 'Portal served stale prices');
  const { nonconformanceId } = await decide('2026-03-10T15:00:00Z', first, 'impact');
  clock.set('2026-03-11T09:00:00Z');
  const quality = await signedInPerson(t, 'quality');
  const engineer = await signedInPerson(t, 'engineering');
  const capa = await quality.call('POST', '/api/v1/capas', {
    title: 'Invalidate the price cache on every deploy',
    nonconformanceIds: [nonconformanceId],
    effectivenessCheckOn: '2026-04-30',
    effectivenessCriteria: 'No stale price in the next ten deploys',
  });
  expect(capa.statusCode, capa.body).toBe(201);
  const capaId = capa.json<{ id: string }>().id;
  const analysed = await quality.call('POST', `/api/v1/capas/${capaId}/root-cause`, {
    method: 'five_whys',
    text: 'The deploy script skipped the cache flush when the migration step failed.',
  });
  expect(analysed.statusCode, analysed.body).toBe(200);
  const action = await quality.call('POST', `/api/v1/capas/${capaId}/actions`, {
    title: 'Flush the price cache in the deploy job whatever the migration outcome',
    ownerUserId: engineer.userId,
    dueOn: '2026-03-20',
  });
  expect(action.statusCode, action.body).toBe(201);
  const late = await open('2026-03-30T09:00:00Z', 'Portal certificate warning');
  await decide('2026-04-02T09:00:00Z', late, 'no-impact');
  await open('2026-04-03T09:00:00Z', 'Portal slow after the April deploy');
  clock.set(before);
}
