import type { Migration, MigrationProvider } from 'kysely';
import * as platformAndRegister from './2026-11-23T00-00_platform-and-register.js';
import * as controlsCatalog from './2026-11-24T00-00_controls-catalog.js';
import * as outboxAndJobs from './2026-11-24T02-00_outbox-and-jobs.js';
import * as occurrencesAndWork from './2026-11-24T03-00_occurrences-and-work.js';
import * as workOrdersAndEvidence from './2026-11-24T04-00_work-orders-and-evidence.js';
import * as postureIndexes from './2026-11-24T05-00_posture-indexes.js';
import * as occurrenceState from './2026-11-25T00-00_occurrence-state.js';
import * as backups from './2026-11-25T01-00_backups.js';
import * as backupIncidents from './2026-11-25T01-30_backup-incidents.js';
import * as restoreTestsAndDr from './2026-11-25T02-00_restore-tests-and-dr.js';
import * as evidencePacks from './2026-11-25T03-00_evidence-packs.js';
import * as auditorEngagements from './2026-12-03T01-00_auditor-engagements.js';
import * as packHeartbeat from './2026-12-03T02-00_pack-heartbeat.js';
import * as backupRunSuccessIndex from './2026-12-03T03-00_backup-run-success-index.js';
import * as postureCounts from './2026-12-03T04-00_posture-counts.js';
import * as occurrenceStateForEveryOccurrence from './2026-12-03T05-00_occurrence-state-for-every-occurrence.js';
import * as jobClaimCompletion from './2026-12-06T00-00_job-claim-completion.js';
import * as backupPointListings from './2026-12-06T06-00_backup-point-listings.js';
import * as auditCheckpoints from './2026-12-06T06-10_audit-checkpoints.js';
import * as instanceKeyCheck from './2026-12-06T06-10_instance-key-check.js';
import * as evidenceAttachments from './2026-12-06T09-00_evidence-attachments.js';
import * as lateEvidence from './2026-12-06T10-10_late-evidence.js';
import * as notificationLanes from './2026-12-06T10-20_notification-lanes.js';
import * as vulnerabilityFindings from './2026-12-06T10-30_vulnerability-findings.js';
import * as certificates from './2026-12-06T10-40_certificates.js';
import * as alertsAndIncidents from './2026-12-06T10-50_alerts-and-incidents.js';
import * as peopleAndAccounts from './2026-12-06T11-00_people-and-accounts.js';
import * as changeRecords from './2026-12-06T12-00_change-records.js';
import * as provisioningAndDecommissioning from './2026-12-06T12-10_provisioning-and-decommissioning.js';
import * as controlledDocuments from './2026-12-06T12-20_controlled-documents.js';
import * as supplierReviews from './2026-12-06T12-30_supplier-reviews.js';
import * as capas from './2026-12-06T12-40_capas.js';
import * as accessReviews from './2026-12-06T12-50_access-reviews.js';
import * as accessRequestRejection from './2026-12-06T12-51_access-request-rejection.js';
import * as ssoIdentities from './2026-12-06T16-10_sso-identities.js';
import * as openFindingsIndex from './2026-12-06T16-40_open-findings-index.js';
import * as ssoSigningAndLogout from './2026-12-06T19-20_sso-signing-and-logout.js';
import * as documentPeriodicReviews from './2026-12-06T19-30_document-periodic-reviews.js';
import * as findingsImportUpkeep from './2026-12-07T01-00_findings-import-upkeep.js';
import * as assignmentsAndComments from './2026-12-07T03-00_assignments-and-comments.js';
import * as calendarFeedsAndSearch from './2026-12-07T04-00_calendar-feeds-and-search.js';
import * as postureCountsPerLane from './2026-12-07T05-00_posture-counts-per-lane.js';
import * as searchDocuments from './2026-12-08T02-00_search-documents.js';
import * as occurrencePastWorkFromEvents from './2026-12-08T03-00_occurrence-past-work-from-events.js';

/**
 * The ordered list of migrations. Listed statically (not read from disk) so the compiled CLI and
 * the tests run exactly the same set. Kysely runs them in name order;
 * add new files at the end with a later ISO prefix.
 */
const migrations: Record<string, Migration> = {
  '2026-11-23T00-00_platform-and-register': platformAndRegister,
  '2026-11-24T00-00_controls-catalog': controlsCatalog,
  '2026-11-24T02-00_outbox-and-jobs': outboxAndJobs,
  '2026-11-24T03-00_occurrences-and-work': occurrencesAndWork,
  '2026-11-24T04-00_work-orders-and-evidence': workOrdersAndEvidence,
  '2026-11-24T05-00_posture-indexes': postureIndexes,
  '2026-11-25T00-00_occurrence-state': occurrenceState,
  '2026-11-25T01-00_backups': backups,
  '2026-11-25T01-30_backup-incidents': backupIncidents,
  '2026-11-25T02-00_restore-tests-and-dr': restoreTestsAndDr,
  '2026-11-25T03-00_evidence-packs': evidencePacks,
  '2026-12-03T01-00_auditor-engagements': auditorEngagements,
  '2026-12-03T02-00_pack-heartbeat': packHeartbeat,
  '2026-12-03T03-00_backup-run-success-index': backupRunSuccessIndex,
  '2026-12-03T04-00_posture-counts': postureCounts,
  '2026-12-03T05-00_occurrence-state-for-every-occurrence': occurrenceStateForEveryOccurrence,
  '2026-12-06T00-00_job-claim-completion': jobClaimCompletion,
  '2026-12-06T06-00_backup-point-listings': backupPointListings,
  '2026-12-06T06-10_audit-checkpoints': auditCheckpoints,
  '2026-12-06T06-10_instance-key-check': instanceKeyCheck,
  '2026-12-06T09-00_evidence-attachments': evidenceAttachments,
  '2026-12-06T10-10_late-evidence': lateEvidence,
  '2026-12-06T10-20_notification-lanes': notificationLanes,
  '2026-12-06T10-30_vulnerability-findings': vulnerabilityFindings,
  '2026-12-06T10-40_certificates': certificates,
  '2026-12-06T10-50_alerts-and-incidents': alertsAndIncidents,
  '2026-12-06T11-00_people-and-accounts': peopleAndAccounts,
  '2026-12-06T12-00_change-records': changeRecords,
  '2026-12-06T12-10_provisioning-and-decommissioning': provisioningAndDecommissioning,
  '2026-12-06T12-20_controlled-documents': controlledDocuments,
  '2026-12-06T12-30_supplier-reviews': supplierReviews,
  '2026-12-06T12-40_capas': capas,
  '2026-12-06T12-50_access-reviews': accessReviews,
  '2026-12-06T12-51_access-request-rejection': accessRequestRejection,
  '2026-12-06T16-10_sso-identities': ssoIdentities,
  '2026-12-06T16-40_open-findings-index': openFindingsIndex,
  '2026-12-06T19-20_sso-signing-and-logout': ssoSigningAndLogout,
  '2026-12-06T19-30_document-periodic-reviews': documentPeriodicReviews,
  '2026-12-07T01-00_findings-import-upkeep': findingsImportUpkeep,
  '2026-12-07T03-00_assignments-and-comments': assignmentsAndComments,
  '2026-12-07T04-00_calendar-feeds-and-search': calendarFeedsAndSearch,
  '2026-12-07T05-00_posture-counts-per-lane': postureCountsPerLane,
  '2026-12-08T02-00_search-documents': searchDocuments,
  '2026-12-08T03-00_occurrence-past-work-from-events': occurrencePastWorkFromEvents,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
