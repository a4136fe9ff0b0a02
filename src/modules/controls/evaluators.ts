import type { Evaluation, EvaluationSource } from './catalog.schema.js';

/** Where code turns a source's records into occurrence events, and the controls it decides. */
export interface Evaluator {
  /** The use case that appends the occurrence events (through recordOccurrenceEvent). */
  evaluatedBy: string;
  /** The built-in controls whose occurrences it completes, verifies or starts. */
  controls: readonly string[];
}

/**
 * The evaluation sources that code evaluates today. The catalogue may name any source in
 * EVALUATION_SOURCES as the way a control is meant to be decided; only the sources listed here are
 * decided by Plumbline, so only they are shown and exported as automatic (`automationOf`). A source
 * gets its entry in the same change as the code that evaluates it, and its controls then show as
 * automatic without touching the catalogue.
 */
export const EVALUATORS: Readonly<Partial<Record<EvaluationSource, Evaluator>>> = {
  'backup-runs': {
    evaluatedBy:
      'backups/evaluate-backups.ts (backup-evaluation-controls.ts, backup-evaluation-hourly.ts)',
    controls: [
      'backup-daily-production',
      'backup-weekly-full-production',
      'backup-failure-response-24h',
      'backup-configuration-hourly',
    ],
  },
  'backup-replication': {
    evaluatedBy: 'backups/evaluate-backups.ts (backup-evaluation-replication.ts)',
    controls: ['backup-replication-daily'],
  },
  'restore-tests': {
    evaluatedBy: 'recovery/verify-restore-test.ts',
    controls: ['restore-test-monthly', 'backup-integrity-quarterly'],
  },
  'dr-exercises': {
    evaluatedBy: 'recovery/verify-dr-exercise.ts',
    controls: ['dr-exercise-annual'],
  },
  capas: {
    evaluatedBy:
      'nonconformances/start-deficiency-sla.ts and verify-deficiency-closure.ts (deficiencies); capas/open-capa.ts (the capa-opened trigger) and sign-effectiveness-check.ts (the passing signed check)',
    controls: ['dr-deficiency-remediation', 'capa-effectiveness-verified'],
  },
  'monitoring-alerts': {
    evaluatedBy:
      'alerts/record-monitoring-evidence.ts (after each delivery: an alert mapped to the asset in the month)',
    controls: ['monitoring-alerts-received-monthly'],
  },
  'inventory-reviews': {
    evaluatedBy: 'inventory-reviews/review.service.ts (closeReviewCampaign)',
    controls: ['inventory-review-quarterly'],
  },
  'certificate-scans': {
    evaluatedBy:
      'certificates/probe-endpoints.ts (quarterly scan), certificate-expiry.ts and record-certificates.ts (renewal)',
    controls: ['tls-configuration-scan-quarterly', 'tls-renewal-before-expiry'],
  },
  incidents: {
    evaluatedBy:
      'incidents/open-incident.ts (the incident-opened trigger), decide-incident-conformity.ts (the signed decision) and on-call.service.ts (a month of the rota fully staffed)',
    controls: ['incident-conformity-decision-24h', 'on-call-rotation-monthly'],
  },
  'change-requests': {
    evaluatedBy:
      'changes/change-clocks.ts (started by implement-change.ts and record-change-event.ts, met by approve-change.ts and verify-change.ts)',
    controls: ['change-approval-before-implementation', 'post-change-verification-48h'],
  },
  'vulnerability-scans': {
    evaluatedBy: 'vulnerabilities/record-scan-evidence.ts (after import-vulnerability-scan.ts)',
    controls: [
      'dependency-scan-monthly',
      'vulnerability-scan-quarterly',
      'vulnerability-remediation-high-30d',
    ],
  },
  'access-grants': {
    evaluatedBy:
      'accounts/start-revocation-clocks.ts (clocks started by people leaving or changing role, stopped by account snapshots) and accounts/access-requests.service.ts (grantAccessRequest)',
    controls: ['access-request-approval', 'access-revocation-24h', 'access-role-change-24h'],
  },
  'access-reviews': {
    evaluatedBy:
      'access-reviews/sign-access-review.ts (the signed campaign of a system and quarter)',
    controls: ['access-review-quarterly'],
  },
  'provisioning-requests': {
    evaluatedBy:
      'provisioning/sign-provisioning-request.ts (the last acceptance criterion verified records the provisioning-requested trigger and meets its occurrences)',
    controls: ['provisioning-request-approval', 'provisioning-verification'],
  },
  'decommissioning-records': {
    evaluatedBy:
      'provisioning/sign-decommissioning-record.ts (the signed record records the decommissioning triggers and meets their occurrences)',
    controls: ['decommissioning-closeout-7d', 'decommissioning-retention-review'],
  },
  'supplier-reviews': {
    evaluatedBy:
      "supplier-reviews/supplier-certificate-renewals.ts (renewal opened 30 days before a certification expires, completed by the renewed certificate) and sign-supplier-review.ts (the year's review, once every supplier of a registered asset has a signed review)",
    controls: ['supplier-certification-expiry-30d', 'supplier-certification-review'],
  },
  'document-reviews': {
    evaluatedBy:
      'documents/open-document-reviews.ts (the review opened 30 days before an effective version\'s review date), met by advance-document-version.ts (a new version taking effect) or review-document.ts (the signed "reviewed, no change" review)',
    controls: ['document-periodic-review'],
  },
  'mfa-status': {
    evaluatedBy: 'accounts/import-accounts.ts (decideMfa, from each account snapshot)',
    controls: ['mfa-enforcement-monthly'],
  },
};

/** How a control is decided, as shown and exported: `manual` or `automatic:<source>`. */
export type AutomationMode = 'manual' | `automatic:${EvaluationSource}`;

/** The source that really decides a control, or null when people do (work orders). */
export function evaluatedSourceOf(evaluation: Evaluation): EvaluationSource | null {
  if (evaluation.mode === 'manual') return null;
  return EVALUATORS[evaluation.source] ? evaluation.source : null;
}

/**
 * The one answer to "is this control automatic?" for the posture, the catalogue views, the A1.2
 * page, OSCAL exports and evidence packs: automatic only when the catalogue says so **and** code
 * evaluates its source; a control whose source has no evaluator yet is worked by people through
 * work orders, so it is manual.
 */
export function automationOf(evaluation: Evaluation): AutomationMode {
  const source = evaluatedSourceOf(evaluation);
  return source === null ? 'manual' : `automatic:${source}`;
}
