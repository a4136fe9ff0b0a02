import type { DemoMatrixRow } from './demo-types.js';

/** One matrix row: process, asset, what fails if it breaks, how it is kept working, where the proof is. */
function link(
  processKey: string,
  assetKey: string,
  conformityImpact: string,
  controlMethod: string,
  evidenceLocation: string,
): DemoMatrixRow {
  return { processKey, assetKey, conformityImpact, controlMethod, evidenceLocation };
}

/**
 * Kestrel Diagnostics' process-to-infrastructure matrix: for each process, the infrastructure it
 * cannot run without, and for each pair the control and its system of record.
 */
export const demoMatrix: DemoMatrixRow[] = [
  // Design and development
  link(
    'design-development',
    'scm-forgeworks',
    'Requirements, code and review records of the design history file could be lost or altered.',
    'Protected branches with two reviewers; SSO only; quarterly access review; nightly mirror to the backup vault.',
    'Forgeworks audit log; access reviews and backup runs in Plumbline',
  ),
  link(
    'design-development',
    'ci-runners',
    'Unit and integration verification cannot run, or runs on an unknown toolchain.',
    'Weekly rebuild from the hardened image; pinned toolchain; monthly patching.',
    'Forgeworks pipeline history; infra/packer changelog',
  ),
  link(
    'design-development',
    'ecg-simulator',
    'Algorithm verification against reference waveforms could pass or fail wrongly.',
    'Annual calibration by an accredited lab; self-test logged before each verification run.',
    'Calibration certificates in Quillstone (CAL register)',
  ),
  link(
    'design-development',
    'reference-recorders',
    'End-to-end test recordings would not represent devices used in clinics.',
    'Firmware checked against the supported-device list at each release.',
    'Release verification report in Quillstone',
  ),
  link(
    'design-development',
    'k8s-dev',
    'Integration testing is delayed; no direct effect on released software.',
    'Rebuilt from Terraform on demand; best-effort support.',
    'Forgeworks: infra/terraform/dev',
  ),
  link(
    'design-development',
    'qms-quillstone',
    'Design inputs, reviews and risk file cannot be retrieved or approved.',
    'Validated SaaS under contract; vendor change notices assessed; monthly export to the vault.',
    'Quillstone validation pack VAL-QMS-004; export job reports',
  ),

  // Software release
  link(
    'software-release',
    'scm-forgeworks',
    'A release could include unreviewed changes.',
    'Signed release tags; release branch needs quality approval; pipeline blocks on failed checks.',
    'Forgeworks release records; change requests in Plumbline',
  ),
  link(
    'software-release',
    'ci-runners',
    'Release artefacts could be built from an unverified environment.',
    'Release builds only on hardened runners; build provenance attached to each image.',
    'Forgeworks pipeline logs with provenance',
  ),
  link(
    'software-release',
    'artifact-registry',
    'A tampered or wrong image could be deployed.',
    'Immutable tags; signature verified at admission; released images retained 10 years.',
    'Registry audit log; deployment manifests in Forgeworks',
  ),
  link(
    'software-release',
    'k8s-staging-eu',
    'Verification evidence is invalid if staging differs from production.',
    'Same Terraform modules as production; drift check before each release.',
    'Drift reports attached to the release record in Quillstone',
  ),
  link(
    'software-release',
    'app-rhythm-staging',
    'Regression and algorithm tests run against a different build than the one shipped.',
    'Image digests pinned in the release record and compared at deploy.',
    'Release verification report (REL-*) in Quillstone',
  ),
  link(
    'software-release',
    'k8s-prod-eu',
    'A failed rollout could leave mixed versions serving clinics.',
    'Blue/green rollout with automatic rollback; change request approved before deploy.',
    'Change records in Plumbline; deploy logs in Watchtower',
  ),

  // Production service delivery
  link(
    'service-delivery',
    'app-rhythm-api',
    'Clinics cannot upload recordings or receive results; diagnosis is delayed.',
    '24/7 monitoring with paging; 99.9 % availability objective; incident procedure.',
    'Watchtower SLO dashboard; incident records',
  ),
  link(
    'service-delivery',
    'app-rhythm-analysis',
    'Results could come from an unreleased model version.',
    'Model checksum verified at start-up; weekly sample of results re-checked by quality.',
    'Release records; QC sampling log in Quillstone',
  ),
  link(
    'service-delivery',
    'app-clinician-portal',
    'Clinicians cannot read results, or see them displayed wrongly.',
    'Synthetic login and report checks every 5 minutes; UI changes go through design review.',
    'Watchtower synthetic checks; design review records',
  ),
  link(
    'service-delivery',
    'k8s-prod-eu',
    'All service components stop.',
    'Three zones; monthly node patching (critical within 72 h); capacity reviewed quarterly.',
    'Patch and capacity review occurrences in Plumbline',
  ),
  link(
    'service-delivery',
    'db-prod-eu',
    'Analysis records could be lost or corrupted, breaking report traceability.',
    'Continuous WAL archiving, daily backup copied offsite, monthly restore test against RTO 4 h / RPO 24 h.',
    'Backup runs and restore tests in Plumbline',
  ),
  link(
    'service-delivery',
    'db-prod-eu-replica',
    'A zone failure becomes a full outage.',
    'Replication lag alarm; failover rehearsal twice a year.',
    'Watchtower alert history; DR exercise records in Plumbline',
  ),
  link(
    'service-delivery',
    'storage-ecg-prod',
    'Source recordings lost: analyses cannot be reproduced or investigated.',
    'Versioning, 30-day object lock, cross-region replication checked weekly.',
    'Replication report in Watchtower; Terraform state',
  ),
  link(
    'service-delivery',
    'storage-reports-prod',
    'Clinicians cannot retrieve earlier reports.',
    'Versioning and replication; retention rule 10 years.',
    'Terraform: infra/terraform/prod/storage.tf',
  ),
  link(
    'service-delivery',
    'kms-prod',
    'Encrypted records and backups become unreadable.',
    'Annual automatic rotation; deletion protection; key administration needs MFA.',
    'Nimbus audit trail; key rotation evidence in Plumbline',
  ),
  link(
    'service-delivery',
    'lb-prod-eu',
    'Uploads fail or are served without valid TLS.',
    'Managed certificates renewed automatically; expiry alert 30 days ahead; TLS 1.2+ policy.',
    'Certificate checks in Watchtower',
  ),
  link(
    'service-delivery',
    'queue-prod-eu',
    'Recordings wait unanalysed without anyone noticing.',
    'Dead-letter queue and age-of-oldest-message alarms.',
    'Watchtower alert history',
  ),
  link(
    'service-delivery',
    'monitoring-prod',
    'Outages and analysis anomalies go unnoticed.',
    'Synthetic checks every minute; alert routing tested monthly.',
    'Watchtower alert test log',
  ),
  link(
    'service-delivery',
    'paging-oncall',
    'Nobody responds to a critical alert out of hours.',
    'On-call rota with escalation after 30 minutes; paging test monthly.',
    'Watchtower on-call reports',
  ),
  link(
    'service-delivery',
    'backup-vault-offsite',
    'No recovery is possible after losing the primary region.',
    'Immutable copies in a second region; quarterly integrity check; annual DR exercise.',
    'Vaultkeep job reports; DR exercise records in Plumbline',
  ),
  link(
    'service-delivery',
    'bastion-prod',
    'Unauthorised or untraceable access to patient data.',
    'Access by approved request, 8 h maximum; sessions recorded; quarterly access review.',
    'Access requests and reviews in Plumbline; session recordings',
  ),

  // Customer support and complaints
  link(
    'customer-support',
    'support-desk',
    'Complaints are missed or escalated too late for vigilance reporting.',
    'Mandatory complaint fields; daily triage; weekly export to the QMS; supplier SLA 99.9 %.',
    'Beacon ticket history; complaint log in Quillstone',
  ),
  link(
    'customer-support',
    'app-clinician-portal',
    'Support cannot see what a clinician saw when reporting a problem.',
    'Read-only support role; portal audit log retained 2 years.',
    'Portal audit log in Watchtower',
  ),
  link(
    'customer-support',
    'status-page',
    'Clinics are not told about incidents affecting their results.',
    'Incident procedure requires a status update within 30 minutes.',
    'Status page history; incident records',
  ),

  // Supplier management
  link(
    'supplier-management',
    'qms-quillstone',
    'Approved-supplier list and evaluations are unavailable or out of date.',
    'Annual supplier evaluation; certificate expiry tracked in the supplier register.',
    'Supplier files in Quillstone; supplier register in Plumbline',
  ),
  link(
    'supplier-management',
    'cloud-account-prod',
    'The hosting provider’s performance and attestations are not overseen.',
    'Quarterly review of provider status history and SOC 2 / ISO certificates.',
    'Supplier review records in Quillstone',
  ),

  // Document and record control
  link(
    'document-control',
    'qms-quillstone',
    'Obsolete procedures could be used; records could be changed without trace.',
    'Validated eDMS with e-signatures and audit trail; annual vendor audit.',
    'Quillstone validation pack; vendor audit report',
  ),
  link(
    'document-control',
    'backup-vault-offsite',
    'Quality records are lost if the eDMS vendor fails.',
    'Monthly full export of documents and records to the vault; restore tested yearly.',
    'Vaultkeep job reports; restore test record in Plumbline',
  ),
  link(
    'document-control',
    'idp-keystone',
    'E-signatures cannot be attributed to one person.',
    'Named accounts only; MFA enforced; leavers removed within 24 h.',
    'Keystone admin log; access reviews in Plumbline',
  ),

  // Post-market surveillance
  link(
    'post-market-surveillance',
    'support-desk',
    'Complaint trends are not visible to the PMS review.',
    'Complaint categories coded; monthly trend report.',
    'PMS meeting minutes in Quillstone',
  ),
  link(
    'post-market-surveillance',
    'db-prod-eu',
    'Field performance statistics of the algorithm cannot be computed.',
    'Read-only analytics role; monthly performance query versioned in Forgeworks.',
    'PMS report attachments in Quillstone',
  ),
  link(
    'post-market-surveillance',
    'monitoring-prod',
    'Drift in algorithm behaviour (e.g. rising inconclusive rate) goes unnoticed.',
    'Anomaly dashboard with thresholds; reviewed in the monthly PMS meeting.',
    'Watchtower dashboard snapshots; PMS minutes',
  ),

  // Training
  link(
    'training',
    'qms-quillstone',
    'People could perform procedures they were not trained on.',
    'Training assigned on document release; completion required before access is granted.',
    'Training records in Quillstone',
  ),

  // Workplace IT (does not affect product conformity)
  link(
    'workplace-it',
    'mdm-fleetdesk',
    'Laptop baseline (encryption, updates) is no longer enforced.',
    'Compliance report reviewed monthly; non-compliant devices lose SSO access.',
    'Fleetdesk compliance reports',
  ),
  link(
    'workplace-it',
    'laptops-engineering',
    'A lost or unpatched laptop could expose source code.',
    'Managed by Fleetdesk; disk encryption; OS updates within 14 days.',
    'Fleetdesk device inventory',
  ),
  link(
    'workplace-it',
    'laptops-staff',
    'Staff cannot work, or a lost laptop exposes internal data.',
    'Managed by Fleetdesk; spare laptops kept in the office.',
    'Fleetdesk device inventory',
  ),
  link(
    'workplace-it',
    'office-network',
    'Office work stops; no effect on the production service.',
    'Firewall firmware updated quarterly; guest network isolated.',
    'it/network change log in Forgeworks',
  ),
  link(
    'workplace-it',
    'office-berlin',
    'Test lab and desks unavailable; lab temperature out of range.',
    'Landlord maintenance schedule; lab temperature logger checked weekly.',
    'Harbourside service reports; lab log in Quillstone',
  ),
];
