import { beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_REVIEW_CONTROL } from '../access-reviews/sign-access-review.js';
import { ACCESS_REQUESTED_TRIGGER } from '../accounts/access-request.schema.js';
import { MFA_CONTROL } from '../accounts/import-accounts.js';
import { REVOCATION_TRIGGERS } from '../accounts/revocation-clock.js';
import { BACKUP_CONTROLS, BACKUP_FAILED_TRIGGER } from '../backups/backup-evaluation-controls.js';
import { HOURLY_CONFIGURATION_CONTROL } from '../backups/backup-evaluation-hourly.js';
import { REPLICATION_CONTROL } from '../backups/backup-evaluation-replication.js';
import { CHANGE_TRIGGERS } from '../changes/change-clocks.js';
import { MONITORING_ALERTS_CONTROL } from '../alerts/record-monitoring-evidence.js';
import { CAPA_OPENED_TRIGGER } from '../capas/open-capa.js';
import { ON_CALL_CONTROL } from '../incidents/on-call-coverage.js';
import { INCIDENT_OPENED_TRIGGER } from '../incidents/open-incident.js';
import { DEFICIENCY_FOUND_TRIGGER } from '../nonconformances/start-deficiency-sla.js';
import { DECOMMISSIONING_TRIGGERS } from '../provisioning/sign-decommissioning-record.js';
import { PROVISIONING_REQUESTED_TRIGGER } from '../provisioning/sign-provisioning-request.js';
import { DR_EXERCISE_CONTROL } from '../recovery/verify-dr-exercise.js';
import { RESTORE_TEST_CONTROLS } from '../recovery/verify-restore-test.js';
import { INVENTORY_REVIEW_CONTROL } from '../inventory-reviews/review.service.js';
import { CERTIFICATE_EXPIRY_TRIGGER } from '../certificates/certificate-expiry.js';
import { TLS_SCAN_CONTROL } from '../certificates/probe-endpoints.js';
import { FINDING_SLA_TRIGGERS } from '../vulnerabilities/finding-sla.js';
import { SCAN_CONTROLS } from '../vulnerabilities/record-scan-evidence.js';
import { SUPPLIER_REVIEW_CONTROL } from '../supplier-reviews/sign-supplier-review.js';
import { SUPPLIER_CERTIFICATION_EXPIRY_TRIGGER } from '../supplier-reviews/supplier-certificate-renewals.js';
import { DOCUMENT_REVIEW_TRIGGER } from '../documents/open-document-reviews.js';
import { BUILT_IN_CATALOG_DIR } from './apply-built-in-catalog.js';
import { EVALUATION_SOURCES, type Catalog, type CatalogControl } from './catalog.schema.js';
import { automationOf, EVALUATORS } from './evaluators.js';
import { loadCatalogDir } from './load-catalog-dir.js';

describe('the registry of evaluators', () => {
  let catalog: Catalog;
  const byKey = (key: string): CatalogControl | undefined =>
    catalog.controls.find((control) => control.key === key);
  const triggeredBy = (trigger: string) =>
    catalog.controls.filter((control) => control.sla?.trigger === trigger).map((c) => c.key);

  beforeAll(async () => {
    ({ catalog } = await loadCatalogDir(BUILT_IN_CATALOG_DIR));
  });

  it('shows a built-in control as automatic only when code evaluates the source it names', () => {
    const dishonest = catalog.controls.flatMap((control) => {
      const shown = automationOf(control.evaluation);
      if (control.evaluation.mode === 'manual') return shown === 'manual' ? [] : [control.key];
      const evaluated = EVALUATORS[control.evaluation.source] !== undefined;
      return shown === (evaluated ? `automatic:${control.evaluation.source}` : 'manual')
        ? []
        : [`${control.key} (${control.evaluation.source}) shown as ${shown}`];
    });
    expect(dishonest).toEqual([]);
  });

  it('leaves no automatic control of the catalogue manual for want of an evaluator', () => {
    const intended = catalog.controls
      .filter((control) => control.evaluation.mode === 'automatic')
      .filter((control) => automationOf(control.evaluation) === 'manual')
      .map((control) => control.evaluation.mode === 'automatic' && control.evaluation.source);
    // Every source the catalogue names now has its evaluator.
    expect([...new Set(intended)].sort()).toEqual([]);
  });

  it('names, for every registered source, exactly the built-in controls that name the source', () => {
    for (const [source, evaluator] of Object.entries(EVALUATORS)) {
      const naming = catalog.controls
        .filter((c) => c.evaluation.mode === 'automatic' && c.evaluation.source === source)
        .map((c) => c.key)
        .sort();
      expect({ source, controls: [...evaluator.controls].sort() }).toEqual({
        source,
        controls: naming,
      });
    }
    expect(
      Object.keys(EVALUATORS).every((source) => EVALUATION_SOURCES.includes(source as never)),
    ).toBe(true);
  });

  it('has code behind each source: the controls its evaluator appends events to', () => {
    // The constants are what the evaluating use cases pass to recordOccurrenceEvent (directly, or
    // through a trigger event that starts the SLA controls of that trigger).
    const decidedByCode: Record<string, string[]> = {
      'backup-runs': [
        BACKUP_CONTROLS.daily,
        BACKUP_CONTROLS.weeklyFull,
        ...triggeredBy(BACKUP_FAILED_TRIGGER),
        HOURLY_CONFIGURATION_CONTROL,
      ],
      'backup-replication': [REPLICATION_CONTROL],
      'restore-tests': [...RESTORE_TEST_CONTROLS],
      'dr-exercises': [DR_EXERCISE_CONTROL],
      capas: [...triggeredBy(DEFICIENCY_FOUND_TRIGGER), ...triggeredBy(CAPA_OPENED_TRIGGER)],
      'monitoring-alerts': [MONITORING_ALERTS_CONTROL],
      'inventory-reviews': [INVENTORY_REVIEW_CONTROL],
      'certificate-scans': [TLS_SCAN_CONTROL, ...triggeredBy(CERTIFICATE_EXPIRY_TRIGGER)],
      incidents: [...triggeredBy(INCIDENT_OPENED_TRIGGER), ON_CALL_CONTROL],
      'change-requests': [
        ...triggeredBy(CHANGE_TRIGGERS.requested),
        ...triggeredBy(CHANGE_TRIGGERS.implemented),
      ],
      'vulnerability-scans': [...SCAN_CONTROLS, ...triggeredBy(FINDING_SLA_TRIGGERS.high)],
      'access-grants': [
        ...triggeredBy(ACCESS_REQUESTED_TRIGGER),
        ...triggeredBy(REVOCATION_TRIGGERS.leaver.trigger),
        ...triggeredBy(REVOCATION_TRIGGERS.mover.trigger),
      ],
      'mfa-status': [MFA_CONTROL],
      'access-reviews': [ACCESS_REVIEW_CONTROL],
      'provisioning-requests': triggeredBy(PROVISIONING_REQUESTED_TRIGGER),
      'decommissioning-records': [
        ...triggeredBy(DECOMMISSIONING_TRIGGERS.requested),
        ...triggeredBy(DECOMMISSIONING_TRIGGERS.completed),
      ],
      'supplier-reviews': [
        SUPPLIER_REVIEW_CONTROL,
        ...triggeredBy(SUPPLIER_CERTIFICATION_EXPIRY_TRIGGER),
      ],
      'document-reviews': triggeredBy(DOCUMENT_REVIEW_TRIGGER),
    };
    const registered = Object.fromEntries(
      Object.entries(EVALUATORS).map(([source, evaluator]) => [
        source,
        [...evaluator.controls].sort(),
      ]),
    );
    expect(registered).toEqual(
      Object.fromEntries(
        Object.entries(decidedByCode).map(([source, keys]) => [source, [...new Set(keys)].sort()]),
      ),
    );
    for (const keys of Object.values(registered)) {
      for (const key of keys) expect(byKey(key), key).toBeDefined();
    }
  });
});
