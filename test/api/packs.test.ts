import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../src/modules/audit-log/verify-audit-trail.js';
import type { PackManifest } from '../../src/modules/packs/pack-manifest.schema.js';
import type { FrameworkCoverage, PackJob } from '../../src/modules/packs/pack.schema.js';
import { publicKeyFingerprint } from '../../src/platform/crypto/public-key-fingerprint.js';
import { verifyPack } from '../../src/modules/packs/verify-pack.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { certFixture } from '../fixtures/certs/fixtures.js';
import { trivyReport } from '../fixtures/scans/fixtures.js';
import {
  PATCH_REPORT,
  RESTORE_REPORT,
  controlDocumentInMarch,
  linkProcessTo,
  readZip,
  seedPackPeriod,
  seedQualityRecords,
  signSupplierReviewIn,
  waitForPack,
  writeZip,
} from './packs.fixtures.js';

describe('evidence packs', () => {
  const clock = new FixedClock('2026-03-01T00:00:00Z');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-packs-'));
  const packFile = path.join(dir, 'pack.zip');
  let t: TestApp;
  let admin: string;
  let auditor: string;
  let evidenceId: string;
  let recoveryEvidenceId: string;
  let supplierReviewEvidenceId: string;
  let trainee: string;
  let job: PackJob;
  let entries: Map<string, Buffer>;
  let manifest: PackManifest;

  beforeAll(async () => {
    // The period's records are made by people signing in at each step's instant: more sign-ins
    // from one address than the per-minute limit allows a real client.
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    admin = await t.tokenFor('admin');
    auditor = await t.tokenFor('auditor');
    ({ evidenceId, recoveryEvidenceId } = await seedPackPeriod(t, clock, admin));
    supplierReviewEvidenceId = await signSupplierReviewIn(t, clock, '2026-03-26T10:00:00Z');
    trainee = await controlDocumentInMarch(t, clock);
    // A process depending on web-1, whose March patching was done but never verified.
    await linkProcessTo(t, admin, 'web-1');
    await seedQualityRecords(t, clock);
    // Recorded in March (the pack is as of the period's end): a scan of web-1 made in February
    // (two findings still open in March), and three certificates valid in March, one not valid
    // before December.
    clock.set('2026-03-25T12:00:00Z');
    const scan = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scans/import?format=trivy&asset=web-1',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      payload: trivyReport({
        createdAt: '2026-02-20T08:00:00Z',
        artifact: 'web-1',
        vulnerabilities: [
          { id: 'CVE-2026-3001', pkg: 'openssl', version: '3.0.1', severity: 'CRITICAL' },
          { id: 'CVE-2026-3002', pkg: 'zlib', version: '1.2.13', severity: 'LOW' },
        ],
      }),
    });
    expect(scan.statusCode, scan.body).toBe(201);
    for (const name of ['valid.pem', 'expired.pem', 'expiring.pem', 'renewed.pem']) {
      const imported = await t.app.inject({
        method: 'POST',
        url: '/api/v1/certificates/import',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-pem-file' },
        payload: certFixture(name),
      });
      expect(imported.statusCode, imported.body).toBeLessThan(300);
    }
    clock.set('2026-04-05T08:00:00Z');
    const requested = await t.call(auditor, 'POST', '/api/v1/reports/packs', {
      framework: 'iso9001',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(requested.statusCode).toBe(202);
    job = await waitForPack(t, auditor, requested.json<PackJob>().id);
    const download = await t.call(auditor, 'GET', `/api/v1/reports/packs/${job.id}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    fs.writeFileSync(packFile, download.rawPayload);
    entries = await readZip(packFile);
    manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as PackManifest;
  }, 120_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds the pack in the background and reports its progress', () => {
    expect(job).toMatchObject({ state: 'done', framework: 'iso9001', error: null });
    expect(job.filesDone).toBe(job.filesTotal);
    expect(job.filesTotal).toBe(manifest.files.length + 2);
    expect(job.downloadUrl).toBe(`/api/v1/reports/packs/${job.id}/download`);
  });

  it('holds the index, the registers, the evidence and the signed manifest', () => {
    const evidencePath = `evidence/${evidenceId}/patch_report.pdf`;
    expect([...entries.keys()].sort()).toEqual(
      [
        'index.html',
        'index.pdf',
        'manifest.json',
        'registers/access-reviews.csv',
        'registers/access-review-decisions.csv',
        'manifest.sig',
        'public-key.pem',
        'registers/assets.csv',
        'registers/audit-events.csv',
        'registers/backup-runs.csv',
        'registers/certificates.csv',
        'registers/capas.csv',
        'registers/closeout-overrides.csv',
        'registers/dr-exercises.csv',
        'registers/incidents.csv',
        'registers/restore-tests.csv',
        'registers/matrix.csv',
        'registers/nonconformances.csv',
        'registers/occurrences.csv',
        'registers/suppliers.csv',
        'registers/vulnerability-findings.csv',
        'registers/work-orders.csv',
        'walkthroughs/customer-portal.html',
        evidencePath,
        `evidence/${recoveryEvidenceId}/restore_log.txt`,
        'registers/supplier-reviews.csv',
        `evidence/${supplierReviewEvidenceId}/hetzner-soc2.pdf`,
        'registers/documents.csv',
        'registers/document-signatures.csv',
        'documents/SOP-042-v1.md',
        'registers/training.csv',
      ].sort(),
    );
    expect(entries.get(evidencePath)).toEqual(PATCH_REPORT);
    expect(entries.get(`evidence/${recoveryEvidenceId}/restore_log.txt`)).toEqual(RESTORE_REPORT);
    expect(entries.get('index.pdf')!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(entries.get('manifest.sig')!.length).toBe(64);
  });

  it('writes the registers as CSV rows', () => {
    const assets = entries.get('registers/assets.csv')!.toString('utf8').split('\n');
    expect(assets[0]).toBe(
      'key,name,category,purpose,supplier,third_party_managed,environment,configuration_reference,owner_role,owner_person,criticality,criticality_rationale,data_classification,region,lifecycle_status,tags,acceptance_criteria,last_reviewed_on,next_review_due_on,created_at,updated_at',
    );
    expect(assets.find((line) => line.startsWith('web-1,'))).toBe(
      'web-1,Server web-1,server,,hetzner,false,production,,engineering,,high,Serves the customer portal,internal,,in-service,,Boots the hardened image and passes the smoke test,,,2026-03-02T09:00:00.000Z,2026-03-02T09:00:00.000Z',
    );
    const occurrences = entries.get('registers/occurrences.csv')!.toString('utf8').split('\n');
    const patching = occurrences.find((line) =>
      line.startsWith(
        'os-patching-monthly,Monthly operating system patching,iso9001:7.1.3,2026-03,web-1,',
      ),
    );
    expect(patching).toMatch(
      /,2026-03-31T22:00:00.000Z,done,2026-03-20T10:00:00.000Z,token:engineering-\d+,,,1,unverified,false$/,
    );
    expect(entries.get('registers/suppliers.csv')!.toString()).toMatch(/\nhetzner,Hetzner Online,/);
    expect(entries.get('registers/work-orders.csv')!.toString()).toMatch(
      /\n\d+,preventive,.*,done,os-patching-monthly,web-1,2026-03,/,
    );
    expect(entries.get('registers/restore-tests.csv')!.toString()).toMatch(
      /^number,assetKey,startedAt,finishedAt,recoveryPointAt,measuredRtoSeconds,/,
    );
    expect(entries.get('registers/backup-runs.csv')!.toString()).toMatch(/^id,assetKey,tool,job,/);
    const findings = entries.get('registers/vulnerability-findings.csv')!.toString().split('\n');
    expect(findings[0]).toMatch(/^id,assetKey,vulnerabilityId,packageName,/);
    const critical = findings.find((line) => line.includes('CVE-2026-3001'))!;
    // Detected 20 February, due 72 hours later: open and overdue at the end of March.
    expect(critical).toContain(',web-1,CVE-2026-3001,openssl,3.0.1,critical,trivy,');
    expect(critical).toContain(',2026-02-23T08:00:00.000Z,open,true,');
    expect(findings.filter((line) => line.includes(',web-1,'))).toHaveLength(2);
    const certificates = entries.get('registers/certificates.csv')!.toString();
    expect(certificates).toMatch(/^id,subject,subjectAltNames,issuer,/);
    expect(certificates).toContain('DNS:www.example.test;DNS:example.test');
    expect(certificates).toContain('old.example.test');
    // The renewal is valid only from 1 December: not a certificate of March.
    expect(certificates.match(/DNS:api\.example\.test;/g)).toHaveLength(1);
    expect(entries.get('registers/supplier-reviews.csv')!.toString()).toMatch(
      /^id,supplierKey,reportKind,.*\n[0-9a-f-]{36},hetzner,soc2-type-2,Hetzner SOC 2 Type II 2025,2025-01-01,2025-12-31,unqualified,,,1\/1,,approved,,.*,2026-03-26T10:00:00\.000Z,2027-03-01\n$/,
    );
    const audit = entries.get('registers/audit-events.csv')!.toString();
    expect(audit).toMatch(/,work_order\.completed,work_order,/);
    expect(audit).not.toMatch(/pack\.requested/);
  });

  it('holds the documents in effect at its instant with their signatures, and the training register', () => {
    // Version 2 took effect on 2 April, after the period: the pack holds version 1.
    const documents = entries.get('registers/documents.csv')!.toString().split('\n');
    expect(documents[0]).toBe(
      'key,version,title,author,reviewers,approvers,contentSha256,approvedAt,effectiveAt,reviewDueOn,versionId',
    );
    expect(documents.filter((line) => line.startsWith('SOP-042,'))).toEqual([
      expect.stringMatching(
        /^SOP-042,1,Workspace and Hosting Upkeep,owner@example\.com,engineering;reliability@example\.com,quality-lead,[0-9a-f]{64},2026-03-10T09:00:00\.000Z,2026-03-10T09:00:00\.000Z,/,
      ),
    ]);
    const file = entries.get('documents/SOP-042-v1.md')!.toString();
    expect(file).toMatch(/^---\nid: SOP-042\n/);
    expect(file).not.toContain('A paragraph added in April.');
    const sha = documents[1]!.split(',')[6]!;
    expect(createHash('sha256').update(file).digest('hex')).toBe(sha);
    const signatures = entries.get('registers/document-signatures.csv')!.toString().split('\n');
    expect(signatures[0]).toBe(
      'documentKey,version,signatureId,meaning,signerLabel,signerRole,method,note,recordSha256,signedAt',
    );
    expect(signatures.filter((line) => line.startsWith('SOP-042,'))).toEqual([
      expect.stringMatching(
        /^SOP-042,1,[0-9a-f-]{36},approval-attested,.*,quality,password,Approved on paper by the quality lead,[0-9a-f]{64},2026-03-10T09:00:00\.000Z$/,
      ),
    ]);
    const training = entries.get('registers/training.csv')!.toString().split('\n');
    expect(training[0]).toBe(
      'id,personEmail,personName,role,document,version,title,contentSha256,assignedAt,dueAt,completedAt,score,signatureId,stateAtEnd',
    );
    const completed = training.find((line) => line.includes(`,${trainee},`))!;
    expect(completed).toMatch(
      /,engineering,SOP-042,1,Workspace and Hosting Upkeep,[0-9a-f]{64},2026-03-10T09:00:00\.000Z,2026-04-09T09:00:00\.000Z,2026-03-10T10:30:00\.000Z,,[0-9a-f-]{36},completed$/,
    );
    // Version 2's training was assigned in April: not a record of March.
    expect(training.filter((line) => line.includes(',SOP-042,2,'))).toEqual([]);
  });

  it('registers the incidents, nonconformances and CAPAs of the period as they stood at its end', () => {
    const incidents = entries.get('registers/incidents.csv')!.toString().split('\n');
    expect(incidents[0]).toBe(
      'number,title,severity,detectionSource,detectedAt,openedAt,openedBy,assets,processes,statusAtEnd,closedAt,decisionDueAt,decision,decisionRationale,decidedAt,decidedBy,decisionSignatureId,decisionOnTime,nonconformance,postIncidentReview',
    );
    const decided = incidents.find((line) => line.startsWith('INC-0001,'))!;
    expect(decided).toMatch(
      /^INC-0001,Portal served stale prices,critical,manual,2026-03-10T09:00:00\.000Z,.*,web-1,customer-portal,open,,2026-03-11T09:00:00\.000Z,impact,Decided impact: .*,2026-03-10T15:00:00\.000Z,.+,[0-9a-f-]{36},true,NC-0001,$/,
    );
    // Decided on 2 April: still undecided, and late, at the end of March.
    const late = incidents.find((line) => line.startsWith('INC-0002,'))!;
    expect(late).toMatch(/,open,,2026-03-31T09:00:00\.000Z,,,,,,false,,$/);
    expect(incidents.some((line) => line.startsWith('INC-0003,'))).toBe(false);
    const nonconformances = entries.get('registers/nonconformances.csv')!.toString().split('\n');
    expect(nonconformances[0]).toMatch(
      /^number,sourceType,sourceId,title,description,requirementNotMet,containment,disposition,impactAssessment,raisedAt,raisedBy,ownerRole,owner,dueOn,statusAtEnd,overdueAtEnd,/,
    );
    expect(nonconformances.find((line) => line.startsWith('NC-0001,'))).toMatch(
      /^NC-0001,incident,[0-9a-f-]{36},.*,2026-03-10T15:00:00\.000Z,.*,open,(true|false),,,,$/,
    );
    const capas = entries.get('registers/capas.csv')!.toString().split('\n');
    expect(capas[0]).toBe(
      'number,kind,title,owner,nonconformances,openedAt,openedBy,rootCauseMethod,rootCause,actionsAtEnd,actionsDoneAtEnd,actionsOverdueAtEnd,checkPlannedOn,checkCriteria,checkOutcome,checkNote,checkedAt,checkedBy,checkSignatureId,statusAtEnd,closedAt,closedBy',
    );
    expect(capas[1]).toMatch(
      /^CAPA-0001,corrective,Invalidate the price cache on every deploy,.+,NC-0001,2026-03-11T09:00:00\.000Z,.+,five_whys,The deploy script skipped .*,1,0,1,2026-04-30,No stale price in the next ten deploys,,,,,,open,,$/,
    );
  });

  it('indexes every requirement as determined, provided and maintained, and flags gaps', () => {
    const html = entries.get('index.html')!.toString('utf8');
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toContain('href="registers/matrix.csv"');
    expect(html).toContain(`href="evidence/${evidenceId}/patch_report.pdf"`);
    expect(html).toMatch(/<dt>Determined<\/dt>/);
    expect(html).toMatch(/<dt>Provided<\/dt>/);
    expect(html).toMatch(/<dt>Maintained<\/dt>/);
    expect(html).toContain('id="control-os-patching-monthly"');
    expect(html).toContain('GAP: no evidence');
  });

  it('walks every process with infrastructure, linked from the index, naming its gaps', () => {
    const walkthrough = entries.get('walkthroughs/customer-portal.html')!.toString('utf8');
    expect(walkthrough).not.toMatch(/<script|<link|src="http|href="http/);
    expect(walkthrough).toContain('Walkthrough: Customer portal (2026-03-01 to 2026-03-31)');
    expect(walkthrough).toMatch(
      /<span class="gap">Unverified closeout<\/span><\/td><td><a href="#asset-web-1">web-1<\/a><\/td><td>os-patching-monthly\/2026-03<\/td>/,
    );
    const index = entries.get('index.html')!.toString('utf8');
    expect(index).toContain('<a href="walkthroughs/customer-portal.html">');
  });

  it('lists every file in the manifest with its hash, and the period, key and audit head', async () => {
    expect(manifest).toMatchObject({
      format: 'plumbline-evidence-pack/v1',
      framework: { key: 'iso9001' },
      period: { from: '2026-03-01', to: '2026-03-31', timeZone: 'Europe/Berlin' },
      generator: { name: 'plumbline' },
      generatedAt: '2026-04-05T08:00:00.000Z',
      auditChain: { valid: true },
    });
    const listed = manifest.files.map((file) => file.path);
    expect(listed).toEqual(
      [...entries.keys()].filter((name) => name !== 'manifest.json' && name !== 'manifest.sig'),
    );
    const head = await t.ctx.db
      .selectFrom('audit_events')
      .select('hash')
      .where('hash', '=', manifest.auditChain.headHash)
      .executeTakeFirst();
    expect(head).toBeDefined();
    const key = (await t.call(auditor, 'GET', '/api/v1/packs/public-key')).json<{
      fingerprint: string;
      publicKeyPem: string;
    }>();
    expect(manifest.signingKey.fingerprint).toBe(key.fingerprint);
    expect(publicKeyFingerprint(entries.get('public-key.pem')!.toString())).toBe(key.fingerprint);
  });

  it('carries a signed checkpoint of the audit chain, which audit verify holds the chain against', async () => {
    const checkpoint = manifest.auditCheckpoint!;
    expect(checkpoint).toMatchObject({
      format: 'plumbline-audit-checkpoint/v1',
      keyFingerprint: manifest.signingKey.fingerprint,
      at: '2026-04-05T08:00:00.000Z',
    });
    const event = await t.ctx.db
      .selectFrom('audit_events')
      .select(['hash', 'action'])
      .where('seq', '=', checkpoint.seq)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ hash: checkpoint.hash, action: 'audit.checkpoint_written' });
    expect(await verifyAuditTrail(t.ctx, { given: checkpoint })).toMatchObject({
      intact: true,
      rejectedCheckpoints: [],
    });
    const forged = { ...checkpoint, at: '2026-04-05T09:00:00.000Z' };
    expect(await verifyAuditTrail(t.ctx, { given: forged })).toMatchObject({
      intact: false,
      problem: 'checkpoint_signature_invalid',
      rejectedCheckpoints: [{ seq: checkpoint.seq, source: 'given' }],
    });
  });

  it('verifies intact, with and without the expected fingerprint', async () => {
    const result = await verifyPack(packFile, {
      expectedFingerprint: manifest.signingKey.fingerprint,
    });
    expect(result).toMatchObject({ intact: true, problems: [] });
    expect(result.checkedFiles).toBe(manifest.files.length);
  });

  async function variant(name: string, change: (copy: Map<string, Buffer>) => void) {
    const copy = new Map(entries);
    change(copy);
    const file = path.join(dir, name);
    await writeZip(file, copy);
    return file;
  }

  it('names an altered, an added and a removed file', async () => {
    const evidencePath = `evidence/${evidenceId}/patch_report.pdf`;
    const altered = await variant('altered.zip', (copy) =>
      copy.set(evidencePath, Buffer.from('%PDF-1.4\npatch level 2026-03 on web-1: none applied\n')),
    );
    expect((await verifyPack(altered)).problems).toEqual([
      expect.objectContaining({ kind: 'altered', path: evidencePath }),
    ]);
    const added = await variant('added.zip', (copy) =>
      copy.set('evidence/extra.pdf', Buffer.from('x')),
    );
    expect((await verifyPack(added)).problems).toEqual([
      expect.objectContaining({ kind: 'added', path: 'evidence/extra.pdf' }),
    ]);
    const removed = await variant('removed.zip', (copy) => copy.delete('registers/assets.csv'));
    const result = await verifyPack(removed);
    expect(result.intact).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'removed', path: 'registers/assets.csv' }),
    ]);
  });

  it('refuses a manifest re-signed with another key', async () => {
    const forger = generateKeyPairSync('ed25519');
    const forgedManifest = Buffer.from(
      JSON.stringify({
        ...manifest,
        files: manifest.files.filter((file) => file.path !== 'registers/audit-events.csv'),
      }),
    );
    const resigned = await variant('forged.zip', (copy) => {
      copy.delete('registers/audit-events.csv');
      copy.set('manifest.json', forgedManifest);
      copy.set('manifest.sig', sign(null, forgedManifest, forger.privateKey));
    });
    expect((await verifyPack(resigned)).problems).toEqual([
      expect.objectContaining({ kind: 'signature', path: 'manifest.sig' }),
    ]);

    // Replacing the key too makes a consistent pack: only the expected fingerprint catches it.
    const forgerPem = forger.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const forgerFingerprint = publicKeyFingerprint(forgerPem);
    const withKey = Buffer.from(
      JSON.stringify({
        ...manifest,
        signingKey: { ...manifest.signingKey, fingerprint: forgerFingerprint },
        files: manifest.files.map((file) =>
          file.path === 'public-key.pem'
            ? { ...file, sha256: sha256(forgerPem), size: Buffer.byteLength(forgerPem) }
            : file,
        ),
      }),
    );
    const replaced = await variant('replaced-key.zip', (copy) => {
      copy.set('public-key.pem', Buffer.from(forgerPem));
      copy.set('manifest.json', withKey);
      copy.set('manifest.sig', sign(null, withKey, forger.privateKey));
    });
    expect((await verifyPack(replaced)).intact).toBe(true);
    const pinned = await verifyPack(replaced, {
      expectedFingerprint: manifest.signingKey.fingerprint,
    });
    expect(pinned.problems).toEqual([
      expect.objectContaining({ kind: 'signature', path: 'public-key.pem' }),
    ]);
  });

  it('records every request, generation and download in the audit trail', async () => {
    const actions = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_type'])
      .where('entity_id', '=', job.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((row) => row.action)).toEqual([
      'pack.requested',
      'pack.generated',
      'pack.downloaded',
    ]);
  });

  it('lists packs, refuses viewers and bad periods with field paths', async () => {
    const list = (await t.call(auditor, 'GET', '/api/v1/reports/packs')).json<{
      items: PackJob[];
    }>();
    expect(list.items.map((item) => item.id)).toContain(job.id);
    const viewer = await t.tokenFor('viewer');
    expect(
      (
        await t.call(viewer, 'POST', '/api/v1/reports/packs', {
          framework: 'iso9001',
          from: '2026-03-01',
          to: '2026-03-31',
        })
      ).statusCode,
    ).toBe(403);
    const bad = await t.call(auditor, 'POST', '/api/v1/reports/packs', {
      framework: 'iso9001',
      from: '2026-03-31',
      to: '2026-03-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { issues: { path: string }[] } }>().error.issues).toEqual([
      expect.objectContaining({ path: 'body.to' }),
    ]);
    const unknown = await t.call(auditor, 'POST', '/api/v1/reports/packs', {
      framework: 'no-such-framework',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('shows each requirement with its controls and whether evidence covers the period', async () => {
    const response = await t.call(
      auditor,
      'GET',
      '/api/v1/reports/framework-coverage?framework=iso9001&from=2026-03-01&to=2026-03-31',
    );
    expect(response.statusCode).toBe(200);
    const coverage = response.json<FrameworkCoverage>();
    const infrastructure = coverage.requirements.find((r) => r.key === 'iso9001:7.1.3')!;
    expect(infrastructure.controls.find((c) => c.key === 'os-patching-monthly')).toMatchObject({
      occurrences: 1,
      withExceptions: 1,
      coverage: 'exceptions',
    });
    expect(infrastructure.coverage).toBe('partial');
    expect(coverage.counts.gap).toBeGreaterThan(0);
    expect(coverage.requirements.filter((r) => r.coverage === 'gap').length).toBe(
      coverage.counts.gap,
    );
  });
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
