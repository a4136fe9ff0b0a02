import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { AppContext } from '../../platform/context.js';
import { systemActor } from '../../platform/audit/actor.js';
import { verifyAuditChain } from '../../platform/audit/verify-audit-chain.js';
import { listDocuments } from '../documents/document.service.js';
import { listTraining } from '../training/training.service.js';
import { FixedClock } from '../../platform/clock.js';
import { listAuditEvents } from '../audit-log/list-audit-events.js';
import { logIn } from '../identity/log-in.js';
import { createPrincipalResolver } from '../identity/resolve-principal.js';
import { verifyMfaCode } from '../identity/verify-mfa-code.js';
import { totpCodeAt } from '../../platform/auth/totp.js';
import { listOccurrencePage, listOccurrences } from '../occurrences/list-occurrences.js';
import { evaluatePosture } from '../posture/evaluate-posture.js';
import { getWorkOrder, listWorkOrders } from '../work-orders/work-order-views.js';
import { listAllUsers } from '../identity/user.service.js';
import { listAssets } from '../register/asset-queries.js';
import { ASSET_CATEGORIES, ENVIRONMENTS } from '../register/asset.schema.js';
import { listWholeMatrix } from '../register/matrix.service.js';
import { listAllProcesses } from '../register/process.service.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { listAllSuppliers } from '../register/supplier.service.js';
import { listSupplierCertificates } from '../supplier-reviews/supplier-certificate-renewals.js';
import { listSupplierReviews } from '../supplier-reviews/supplier-review.service.js';
import { getCertificate, listCertificates } from '../certificates/certificate.service.js';
import { getFinding, listFindings } from '../vulnerabilities/list-findings.js';
import { getBackupStatus } from '../backups/backup-status.js';
import { listBackupIncidents } from '../backups/backup-incident-list.js';
import { listAlerts } from '../alerts/list-alerts.js';
import { getCapa, listCapaPage } from '../capas/capa.service.js';
import { listIncidents } from '../incidents/incident.service.js';
import { reportSoc2A12 } from '../recovery/report-soc2-a12.js';
import { raiseNonconformances } from '../nonconformances/raise-nonconformances.js';
import { reportEffectiveness } from '../posture/report-effectiveness.js';
import { buildDemoOrganisation, DEMO_PASSWORD } from './demo-data.js';
import { BACKUP_HISTORY_CONTROLS, demoHistory } from './demo-history.js';
import { loadDemoOrganisation, type DemoLoadOutcome } from './load-demo.js';

const demo = buildDemoOrganisation('2026-11-23');

describe('the demo data set', () => {
  it('links only processes and assets that it defines', () => {
    const assetKeys = new Set(demo.assets.map((asset) => asset.key));
    const processKeys = new Set(demo.processes.map((process) => process.key));
    const dangling = demo.matrix.filter(
      (row) => !assetKeys.has(row.assetKey) || !processKeys.has(row.processKey),
    );
    expect(dangling).toEqual([]);
  });

  it('uses every key once', () => {
    for (const list of [demo.assets, demo.suppliers, demo.processes]) {
      const keys = list.map((item) => item.key);
      expect(new Set(keys).size).toBe(keys.length);
    }
    const pairs = demo.matrix.map((row) => `${row.processKey}>${row.assetKey}`);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('names only suppliers that it defines', () => {
    const supplierKeys = new Set(demo.suppliers.map((supplier) => supplier.key));
    const unknown = demo.assets.filter(
      (asset) => asset.supplierKey && !supplierKeys.has(asset.supplierKey),
    );
    expect(unknown).toEqual([]);
  });

  it('shows every environment and the infrastructure categories of a SaaS company', () => {
    expect(new Set(demo.assets.map((asset) => asset.environment))).toEqual(new Set(ENVIRONMENTS));
    const categories = new Set(demo.assets.map((asset) => asset.category));
    const unused = ASSET_CATEGORIES.filter((category) => !categories.has(category));
    expect(unused).toEqual(['transport', 'other']);
  });
});

describe('loading the demo organisation', () => {
  let t: TestApp;
  let ctx: AppContext;
  let first: DemoLoadOutcome;

  beforeAll(async () => {
    // The whole server's context: the demo also does work, which needs the catalogue (applied
    // at start), the evidence store and signatures.
    t = await createTestApp({ clock: new FixedClock('2026-11-23T09:00:00Z') });
    ctx = t.ctx;
    first = await loadDemoOrganisation(ctx);
  }, 120_000);
  afterAll(() => t.close());

  it('fills the register, the matrix and the accounts', async () => {
    expect(first.loaded).toBe(true);
    expect(await listAllSuppliers(ctx)).toHaveLength(10);
    expect((await listAssets(ctx, { limit: 1000, offset: 0 })).items).toHaveLength(42);
    expect(await listAllProcesses(ctx)).toHaveLength(9);
    expect(await listWholeMatrix(ctx, {})).toHaveLength(44);
    const users = await listAllUsers(ctx);
    expect(users.map((user) => user.email).sort()).toEqual([
      'admin@demo.plumbline.test',
      'auditor@demo.plumbline.test',
      'engineering@demo.plumbline.test',
      'quality@demo.plumbline.test',
      'security@demo.plumbline.test',
      'viewer@demo.plumbline.test',
    ]);
  });

  it('records every change in the audit trail: the register as the system, the work as people', async () => {
    const { items } = await listAuditEvents(ctx, { limit: 5000 });
    const byAction = new Map<string, number>();
    const actorsByAction = new Map<string, Set<string>>();
    for (const event of items) {
      byAction.set(event.action, (byAction.get(event.action) ?? 0) + 1);
      actorsByAction.set(
        event.action,
        (actorsByAction.get(event.action) ?? new Set()).add(event.actorLabel),
      );
    }
    expect(Object.fromEntries(byAction)).toMatchObject({
      'supplier.created': 10,
      'process.created': 9,
      'asset.created': 42,
      'matrix_row.created': 44,
      'user.created': 6,
    });
    for (const action of ['supplier.created', 'asset.created', 'user.created']) {
      expect(actorsByAction.get(action)).toEqual(new Set(['plumbline']));
    }
    expect([...(actorsByAction.get('work_order.completed') ?? [])].sort()).not.toContain(
      'plumbline',
    );
    expect(await verifyAuditChain(ctx.db)).toMatchObject({ valid: true });
  });

  it('does part of the open work: completed and independently verified, the rest still due', async () => {
    const orders = (await listWorkOrders(ctx, systemActor, { mine: false, limit: 1000 })).items;
    const byStatus = new Map<string, number>();
    for (const order of orders) byStatus.set(order.status, (byStatus.get(order.status) ?? 0) + 1);
    expect(byStatus.get('verified') ?? 0).toBeGreaterThan(0);
    expect(byStatus.get('done') ?? 0).toBeGreaterThan(0);
    expect(first.message).toMatch(
      new RegExp(`completed ${orders.length} work orders and signed ${byStatus.get('verified')} `),
    );
    for (const order of orders.filter((candidate) => candidate.status === 'verified')) {
      const detail = await getWorkOrder(ctx, order.id);
      expect(detail.evidence).toHaveLength(1);
      expect(detail.signatures).toHaveLength(1);
      expect(detail.signatures[0]!.signerLabel).not.toBe(order.performerLabel);
    }
    const stillDue = (await listOccurrencePage(ctx, { status: ['due'], limit: 10 })).items;
    expect(stillDue.length).toBeGreaterThan(0);
    const posture = await evaluatePosture(ctx, { atRiskDays: 7 });
    expect(posture.controlCounts.passing).toBeGreaterThan(0);
  });

  it('shows a living backups area: status, incidents, restore tests, DR and the A1.2 evidence', async () => {
    const status = await getBackupStatus(ctx, {});
    expect(status.items.length).toBeGreaterThanOrEqual(5);
    expect(status.counts.ok).toBeGreaterThan(0);
    expect(status.items.find((item) => item.assetKey === 'db-prod-eu-replica')?.status).toBe(
      'missed',
    );
    expect(status.items.find((item) => item.assetKey === 'storage-ecg-prod')?.policy.source).toBe(
      'tag backup:replicated policy "Replicated object storage"',
    );
    const incidents = await listBackupIncidents(ctx, { limit: 100 });
    expect(
      incidents.items.map((incident) => [
        incident.assetKey,
        incident.kind,
        incident.closedAt === null ? 'open' : 'recovered',
      ]),
    ).toEqual(
      expect.arrayContaining([
        ['db-prod-eu-replica', 'incremental_missed', 'open'],
        ['storage-reports-prod', 'run_failed', 'recovered'],
      ]),
    );

    const page = await reportSoc2A12(ctx, {});
    expect(page.evidence.backups.latestRuns.length).toBeGreaterThan(0);
    expect(page.evidence.backups.recentIncidents.length).toBeGreaterThan(0);
    expect(page.evidence.restoreTests).toMatchObject({
      total: 2,
      passed: 1,
      failed: 1,
      verified: 1,
    });
    expect(page.evidence.drExercises.total).toBe(1);
    // Runs carry their region: the replication item is judged on them, and fails on the replica
    // whose backups stopped (its yesterday is overdue) while the others' copies are verified.
    const replication = page.items.find((item) => item.key === 'soc2:A1.2-action-6')!;
    expect(replication.status).toBe('failing');
    expect(replication.evidenceKinds).toContain('backup-runs');
    expect(replication.controls).toContainEqual(
      expect.objectContaining({
        key: 'backup-replication-daily',
        evaluation: 'automatic:backup-replication',
        status: 'failing',
      }),
    );
    const copies = await listOccurrences(ctx, {
      control: 'backup-replication-daily',
      status: ['verified', 'overdue'],
    });
    expect(copies.filter((o) => o.status === 'overdue').map((o) => o.assetKey)).toEqual([
      'db-prod-eu-replica',
    ]);
    expect(copies.filter((o) => o.status === 'verified').map((o) => o.assetKey)).toContain(
      'db-prod-eu',
    );
    expect(page.evidence.openDeficiencies.length).toBeGreaterThan(0);
    expect(first.message).toMatch(/Recorded \d+ backup runs since 2026-10-26/);
  });

  it('tells one story: nothing before its history, runs satisfying their days, every miss explained', async () => {
    const history = demoHistory(ctx.clock.now(), ctx.config.timezone);
    const all = await listOccurrences(ctx, {});
    const cadence = all.filter((occurrence) => !occurrence.periodKey.startsWith('event:'));
    const backupHistory = new Set<string>(BACKUP_HISTORY_CONTROLS);
    for (const occurrence of cadence) {
      const start = backupHistory.has(occurrence.controlKey) ? history.backupsSince : history.today;
      expect(Date.parse(occurrence.dueAt), occurrence.controlKey).toBeGreaterThan(start.getTime());
    }
    // The runs satisfied the days and weeks they cover, on every asset whose job kept running.
    const daily = cadence.filter(
      (occurrence) => occurrence.controlKey === 'backup-daily-production',
    );
    expect(daily.length).toBeGreaterThan(150);
    const unsatisfied = daily.filter(
      (occurrence) => !['verified', 'due', 'upcoming'].includes(occurrence.status),
    );
    expect(new Set(unsatisfied.map((occurrence) => occurrence.assetKey))).toEqual(
      new Set(['db-prod-eu-replica']),
    );
    // Every missed occurrence has its cause in the data: the replica's job that stopped (an open
    // incident) and the supplier certification that expired unrenewed, and nothing else.
    const incidents = await listBackupIncidents(ctx, { limit: 100 });
    const openIncidentAssets = new Set(
      incidents.items.filter((incident) => incident.closedAt === null).map((i) => i.assetKey),
    );
    const missed = all.filter((occurrence) => occurrence.status === 'missed');
    expect(missed.length).toBeGreaterThan(0);
    for (const occurrence of missed) {
      if (occurrence.controlKey === 'supplier-certification-expiry-30d') continue;
      expect(openIncidentAssets).toContain(occurrence.assetKey);
    }
    expect(
      missed.filter((occurrence) => occurrence.controlKey === 'supplier-certification-expiry-30d'),
    ).toHaveLength(1);
    // A realistic exception rate for the year, with the history recorded at load flagged.
    const year = await reportEffectiveness(ctx, {
      framework: 'soc2',
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(year.summary.exceptionRate).toBeGreaterThan(0);
    expect(year.summary.exceptionRate).toBeLessThan(0.1);
    expect(year.summary.lateEvidence).toBeGreaterThan(100);
    // The nonconformance job raises one per streak: the replica's days, nothing for the rest.
    const { raised } = await raiseNonconformances(ctx);
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.length).toBeLessThanOrEqual(3);
  });

  it('includes one supplier certification that has expired', async () => {
    const expired = (await listAllSuppliers(ctx)).flatMap((supplier) =>
      supplier.certifications
        .filter((certification) => certification.expired)
        .map((certification) => `${supplier.key}: ${certification.name}`),
    );
    expect(expired).toEqual(['watchtower: SOC 2 Type II']);
  });

  it('has two signed supplier reviews and shows the expired certification as a missed renewal', async () => {
    const { items } = await listSupplierReviews(ctx, { limit: 10 });
    expect(items.map((review) => [review.supplier.key, review.status, review.decision])).toEqual(
      expect.arrayContaining([
        ['nimbus-cloud', 'signed', 'approved'],
        ['forgeworks', 'signed', 'approved_with_conditions'],
      ]),
    );
    const certificates = await listSupplierCertificates(ctx, 'watchtower');
    const renewal = certificates.items.find((c) => c.name === 'SOC 2 Type II')!.renewal!;
    expect((await getOccurrence(ctx, renewal.occurrenceId)).status).toBe('missed');
  });

  it('has SOP-018 effective with training done and overdue, and POL-007 awaiting approval', async () => {
    const documents = await listDocuments(ctx, { limit: 10 });
    expect(
      documents.items.map((document) => [document.key, document.status, document.effectiveVersion]),
    ).toEqual([
      ['POL-007', 'in_review', null],
      ['SOP-018', 'effective', 1],
    ]);
    const training = await listTraining(ctx, { limit: 100, document: 'SOP-018' });
    expect(
      training.items.map((item) => [item.person.email, item.state, item.score]).sort(),
    ).toEqual([
      ['engineering@demo.plumbline.test', 'completed', 100],
      ['security@demo.plumbline.test', 'overdue', null],
    ]);
    expect(first.message).toContain('SOP-018 is effective with its training (1 completed, 1 open)');
    expect(first.message).toContain('1 overdue, on the training register and the posture');
    const overdue = await listTraining(ctx, { limit: 100, overdue: true });
    expect(overdue.items.map((item) => [item.person.email, item.document])).toEqual([
      ['security@demo.plumbline.test', 'SOP-018'],
    ]);
    const posture = await evaluatePosture(ctx, { atRiskDays: 7 });
    expect(posture.training.gaps.map((gap) => [gap.person.email, gap.document, gap.state])).toEqual(
      [['security@demo.plumbline.test', 'SOP-018', 'overdue']],
    );
  });

  it('has scans with findings fixed in time, one critical past its SLA and one accepted risk', async () => {
    const page = (query: { asset?: string; status?: 'open' | 'accepted' | 'fixed' }) =>
      listFindings(ctx, { ...query, overdue: undefined, limit: 100 });
    const overdue = await listFindings(ctx, { overdue: true, limit: 100 });
    expect(overdue.items.map((f) => [f.assetKey, f.vulnerabilityId, f.severity])).toEqual([
      ['app-rhythm-api', 'CVE-2026-40021', 'critical'],
    ]);
    const fixed = (await page({ status: 'fixed' })).items;
    expect(fixed.map((f) => f.vulnerabilityId).sort()).toEqual([
      'CVE-2026-31337',
      'GHSA-8cf7-32gw-wr33',
    ]);
    const [accepted] = (await page({ status: 'accepted' })).items;
    expect(accepted).toMatchObject({
      assetKey: 'app-rhythm-api',
      vulnerabilityId: 'CVE-2026-28757',
    });
    const detail = await getFinding(ctx, null, accepted!.id);
    expect(detail.exceptions).toHaveLength(1);
    const exception = detail.exceptions[0]!;
    expect(exception).toMatchObject({ status: 'approved', expired: false });
    expect(exception.requestedBy).toContain('engineering@demo.plumbline.test');
    expect(exception.approvedBy).toContain('security@demo.plumbline.test');
    expect(exception.signatureId).not.toBeNull();
    // The high OpenSSL finding was fixed within its 30 days: its SLA occurrence is met.
    const openssl = fixed.find((f) => f.vulnerabilityId === 'CVE-2026-31337')!;
    expect((await getOccurrence(ctx, openssl.slaOccurrenceId!)).status).toBe('verified');
    expect(first.message).toMatch(
      /vulnerability scans \(1 finding past its SLA, 1 accepted risk\)/,
    );
  });

  it('has a load balancer certificate expiring in 20 days with its renewal open', async () => {
    const expiring = await listCertificates(ctx, {
      expiringWithinDays: 30,
      includeSuperseded: false,
      includeCa: false,
      limit: 10,
    });
    expect(expiring.items).toHaveLength(1);
    const certificate = expiring.items[0]!;
    expect(certificate.notAfter).toBe('2026-12-13T09:00:00.000Z');
    expect(certificate.subjectAltNames.join(' ')).toContain('api.kestrel-rhythm.example');
    const detail = await getCertificate(ctx, certificate.id);
    expect(detail.renewals).toHaveLength(1);
    expect(detail.renewals[0]!.assetKey).toBe('lb-prod-eu');
    const renewal = await getOccurrence(ctx, detail.renewals[0]!.occurrenceId);
    expect(['due', 'upcoming']).toContain(renewal.status);
  });

  it('has alerts, two incidents with signed decisions, and an NC answered by a CAPA in progress', async () => {
    const alerts = await listAlerts(ctx, { limit: 10 });
    expect(alerts.items.map((alert) => [alert.name, alert.action]).sort()).toEqual([
      ['KubeNodeNotReady', 'open-incident'],
      ['PostgresReplicationLag', 'evidence'],
      ['Watchdog', 'evidence'],
    ]);
    const incidents = (await listIncidents(ctx, { limit: 10 })).items;
    expect(
      incidents
        .map((incident) => [incident.detectionSource, incident.status, incident.decision?.outcome])
        .sort(),
    ).toEqual([
      ['alert', 'resolved', 'no-impact'],
      ['manual', 'open', 'impact'],
    ]);
    for (const incident of incidents) expect(incident.decision!.onTime).toBe(true);
    const nonconformanceId = incidents.find((incident) => incident.decision?.outcome === 'impact')!
      .decision!.nonconformanceId!;
    const capas = await listCapaPage(ctx, { limit: 10, nonconformanceId });
    expect(capas.items).toHaveLength(1);
    const capa = await getCapa(ctx, capas.items[0]!.id, null);
    expect(capa).toMatchObject({ status: 'implementing', openActions: 1, overdueActions: 1 });
    expect(capa.rootCause?.method).toBe('five_whys');
    expect(capa.actions.map((action) => [action.status, action.overdue])).toEqual([
      ['done', false],
      ['open', true],
    ]);
    expect(capa.effectivenessCheck.outcome).toBeNull();
  });

  it('includes assets being requested, provisioned and retired', async () => {
    const { items: assets } = await listAssets(ctx, { limit: 1000, offset: 0 });
    const notInService = assets
      .filter((asset) => asset.lifecycleStatus !== 'in-service')
      .map((asset) => [asset.key, asset.lifecycleStatus]);
    expect(Object.fromEntries(notInService)).toEqual({
      'db-prod-us': 'requested',
      'k8s-prod-us': 'provisioning',
      'ci-legacy-jenkins': 'decommissioning',
      'db-legacy-v1': 'decommissioned',
    });
  });

  it('tells the operator the accounts, the password and who must set up MFA', () => {
    expect(first.message).toContain('Kestrel Diagnostics');
    expect(first.message).toContain(DEMO_PASSWORD);
    for (const role of ['admin', 'quality', 'engineering', 'security', 'auditor', 'viewer']) {
      expect(first.message).toContain(`${role}@demo.plumbline.test`);
    }
    expect(first.message).toMatch(/The admin account must set up two-factor/);
    expect(first.message).toMatch(
      /security@demo\.plumbline\.test set up two-factor authentication before approving the accepted risk: add the key [A-Z2-7]+ /,
    );
  });

  it('has Security set up two-factor authentication before it approves the accepted risk', async () => {
    const security = (await listAllUsers(ctx)).find((user) => user.role === 'security')!;
    const seqOf = async (action: string, entityId?: string) => {
      const { items } = await listAuditEvents(ctx, { limit: 10, action, entityId });
      expect(items).toHaveLength(1);
      expect(items[0]!.actorLabel).toContain('security@demo.plumbline.test');
      return BigInt(items[0]!.seq);
    };
    const enrolled = await seqOf('user.mfa_enabled', security.id);
    const approved = await seqOf('finding-exception.approved');
    expect(enrolled).toBeLessThan(approved);
    // The key the operator is given is the account's: a code from it completes a sign-in (the
    // next time step, as enrolment spent the current one).
    const key = /add the key ([A-Z2-7]+) /.exec(first.message)![1]!;
    const session = await logIn(ctx, {
      email: security.email,
      password: DEMO_PASSWORD,
      ip: null,
      userAgent: null,
    });
    expect(session.state).toBe('mfa_pending');
    const principal = await createPrincipalResolver(ctx).fromSessionCookie(session.sessionToken);
    await verifyMfaCode(
      ctx,
      principal!,
      totpCodeAt(key, new Date(ctx.clock.now().getTime() + 30_000)),
    );
    const verified = await createPrincipalResolver(ctx).fromSessionCookie(session.sessionToken);
    expect(verified).toMatchObject({ via: 'session', sessionState: 'active' });
  });

  it('lets the demo accounts sign in with the published password', async () => {
    const signIn = (email: string) =>
      logIn(ctx, { email, password: DEMO_PASSWORD, ip: null, userAgent: null });
    expect((await signIn('quality@demo.plumbline.test')).state).toBe('active');
    expect((await signIn('admin@demo.plumbline.test')).state).toBe('enrol_required');
    expect((await signIn('security@demo.plumbline.test')).state).toBe('mfa_pending');
  });

  it('leaves a register that already has assets alone', async () => {
    const before = await listAuditEvents(ctx, { limit: 1 });
    const second = await loadDemoOrganisation(ctx);
    expect(second).toEqual({
      loaded: false,
      message: 'The register already has assets; the demo organisation was not loaded.',
    });
    const after = await listAuditEvents(ctx, { limit: 1 });
    expect(after.items[0]?.seq).toBe(before.items[0]?.seq);
    expect((await listAssets(ctx, { limit: 1000, offset: 0 })).items).toHaveLength(42);
  });
});
