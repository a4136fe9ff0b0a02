import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it. One interface per table; modules narrow it with `Pick<>` when
 * they only need some tables. Timestamps come back as Date (timestamptz), dates as 'YYYY-MM-DD'
 * strings (the pg type parser is set up in connect.ts), bigint as string.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  mfa_secret: string | null;
  mfa_pending_secret: string | null;
  mfa_enabled: Generated<boolean>;
  mfa_last_step: ColumnType<string | null, number | string | null, number | string | null>;
  recovery_code_hashes: ColumnType<string[], string | undefined, string>;
  disabled_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A person's calendar feed: the SHA-256 of the secret in its URL (docs/calendar.md). */
export interface CalendarFeedsTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  prefix: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  state: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  /** A single sign-on session's ID token, sealed: the `id_token_hint` of the sign-out. */
  sso_id_token: string | null;
}

/** A user's identity at an OpenID Connect provider (docs/sso.md). */
export interface SsoIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Timestamp;
  last_login_at: Timestamp;
}

/**
 * What a fresh re-authentication at the provider yields for one e-signature of a single sign-on
 * user: bound to the user and session, five minutes, single use (docs/sso.md).
 */
export interface SigningProofsTable {
  token_hash: string;
  user_id: string;
  session_id_hash: string;
  issuer: string;
  subject: string;
  authenticated_at: Timestamp;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface ApiTokensTable {
  id: Generated<string>;
  name: string;
  role: string;
  token_hash: string;
  prefix: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface AuditEventsTable {
  seq: ColumnType<string, number | string, never>;
  id: string;
  occurred_at: Timestamp;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  prev_hash: string;
  hash: string;
}

/**
 * A signed head of the audit chain (audit-log module): the event `seq` with its `hash`, signed
 * (Ed25519, base64) with the instance's signing key, whose fingerprint is kept.
 */
export interface AuditCheckpointsTable {
  seq: ColumnType<string, string, never>;
  hash: string;
  checkpointed_at: Timestamp;
  key_fingerprint: string;
  signature: string;
}

export interface SupplierCertification {
  name: string;
  expiresOn: string | null;
}

export interface SuppliersTable {
  id: Generated<string>;
  key: string;
  name: string;
  services: Generated<string>;
  contract_reference: Generated<string>;
  escalation_contact: Generated<string>;
  certifications: ColumnType<SupplierCertification[], string | undefined, string>;
  notes: Generated<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssetsTable {
  id: Generated<string>;
  key: string;
  name: string;
  category: string;
  purpose: Generated<string>;
  supplier_id: string | null;
  third_party_managed: Generated<boolean>;
  environment: string;
  configuration_reference: Generated<string>;
  owner_role: string;
  owner_person: Generated<string>;
  criticality: string;
  criticality_rationale: Generated<string>;
  data_classification: string;
  region: Generated<string>;
  lifecycle_status: string;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  /** Generated: key, name and tags, lower-case, for the search (never written). */
  search_text: ColumnType<string, never, never>;
  acceptance_criteria: Generated<string>;
  last_reviewed_on: DateOnly | null;
  next_review_due_on: DateOnly | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProcessesTable {
  id: Generated<string>;
  key: string;
  name: string;
  description: Generated<string>;
  owner_role: string;
  affects_conformity: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MatrixRowsTable {
  id: Generated<string>;
  process_id: string;
  asset_id: string;
  conformity_impact: string;
  control_method: string;
  evidence_location: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReviewCampaignsTable {
  id: Generated<string>;
  name: string;
  status: string;
  due_on: DateOnly;
  started_by: string;
  started_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface ReviewItemsTable {
  id: Generated<string>;
  campaign_id: string;
  asset_id: string;
  owner_role: string;
  owner_person: string;
  status: string;
  decided_by: string | null;
  decided_at: Timestamp | null;
  note: Generated<string>;
  changes: Json<Record<string, unknown>> | null;
  record_snapshot: Json<Record<string, unknown>> | null;
}

export interface OutboxMessagesTable {
  id: Generated<string>;
  channel: string;
  recipient: string;
  subject: string;
  body_text: string;
  category: string;
  dedupe_key: string | null;
  related_entity_type: string | null;
  related_entity_id: string | null;
  status: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  available_at: Timestamp;
  sent_at: Timestamp | null;
  last_error: string | null;
  provider_message_id: string | null;
  /** 'urgent' | 'bulk' (platform/mail/outbox-priority.ts). */
  priority: Generated<string>;
}

export interface OutboxAttemptsTable {
  id: Generated<string>;
  message_id: string;
  attempted_at: Timestamp;
  succeeded: boolean;
  detail: string;
}

export interface JobClaimsTable {
  job: string;
  slot: string;
  claimed_by: string;
  claimed_at: Timestamp;
  /** When the claimed slot's work finished (null while running, or if it failed). */
  completed_at: Timestamp | null;
}

/** Catalogue tables: rows are never deleted, only retired (`retired_at`). */
export interface FrameworksTable {
  id: Generated<string>;
  key: string;
  title: string;
  kind: string;
  issuer: string;
  edition: Generated<string>;
  description: string;
  content_hash: string;
  version: Generated<number>;
  retired_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RequirementsTable {
  id: Generated<string>;
  key: string;
  framework_id: string;
  reference: string;
  title: string;
  summary: string;
  position: number;
  content_hash: string;
  version: Generated<number>;
  retired_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** JSON columns hold the catalogue's own shapes; the controls module parses them with its schemas. */
export interface ControlsTable {
  id: Generated<string>;
  key: string;
  title: string;
  theme: string;
  objective: string;
  owner_role: string;
  critical: boolean;
  per_asset: boolean;
  scope: Json<Record<string, unknown>> | null;
  cadence: Json<Record<string, unknown>> | null;
  sla: Json<Record<string, unknown>> | null;
  evaluation: Json<Record<string, unknown>>;
  checklist: ColumnType<string[], string | undefined, string>;
  evidence_expected: ColumnType<Record<string, unknown>[], string | undefined, string>;
  content_hash: string;
  version: Generated<number>;
  retired_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ControlRequirementsTable {
  control_id: string;
  requirement_id: string;
}

export interface CatalogRevisionsTable {
  revision: number;
  origin: string;
  catalog_hash: string;
  summary: Json<Record<string, unknown>>;
  actor_label: string;
  applied_at: Timestamp;
}

export interface TriggerEventsTable {
  id: Generated<string>;
  type: string;
  asset_id: string | null;
  at: Timestamp;
  target_at: Timestamp | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  external_id: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface OccurrencesTable {
  id: Generated<string>;
  control_id: string;
  period_key: string;
  asset_key: Generated<string>;
  asset_id: string | null;
  trigger_event_id: string | null;
  opens_at: Timestamp;
  due_at: Timestamp;
  closes_at: Timestamp;
  critical: boolean;
  owner_role: string;
  generated_at: Timestamp;
}

export interface OccurrenceEventsTable {
  seq: ColumnType<string, never, never>;
  occurrence_id: string;
  kind: string;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  note: Generated<string>;
  signature_id: string | null;
  /**
   * When the fact an automatic source reported happened (a backup run's recovery point), when it
   * may differ from `at`, the instant Plumbline recorded it (late evidence, 2026-12-06T10-10).
   */
  evidenced_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/**
 * One row per occurrence, created with it (migration 2026-12-03T05-00): a copy of the occurrence's
 * immutable window and keys, and where its work stands after all its events with its evidence
 * count, written by triggers in the same statement as each occurrence_events / evidence_attachments
 * insert (2026-11-25T00-00). last_recorded_at is the generation when nothing is recorded yet.
 */
export interface OccurrenceStateTable {
  occurrence_id: string;
  control_id: string;
  period_key: string;
  asset_key: string;
  trigger_event_id: string | null;
  opens_at: Timestamp;
  due_at: Timestamp;
  closes_at: Timestamp;
  generated_at: Timestamp;
  /** The instants as reports write them (ISO-8601), formatted once when written. */
  opens_at_iso: string;
  due_at_iso: string;
  completed_at_iso: string | null;
  verified_at_iso: string | null;
  work_state: string;
  started_at: Timestamp | null;
  completed_at: Timestamp | null;
  performer_id: string | null;
  performer_label: string | null;
  verified_at: Timestamp | null;
  verifier_id: string | null;
  verifier_label: string | null;
  not_applicable_at: Timestamp | null;
  evidence_count: Generated<number>;
  last_recorded_at: Timestamp;
  /** The evidenced instant of the standing completion (late evidence), if its source gave one. */
  evidenced_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /**
   * Whether the work at an earlier instant must be read from the events, as the instants above
   * cannot tell it (a rejection, a second completion, …; migration 2026-12-08T03-00).
   */
  past_work_from_events: Generated<boolean>;
}

/**
 * How many occurrences share what decides their class in live posture: control, window, the next
 * occurrence of their lane ('infinity' when none) and work state. Kept by triggers on occurrences
 * and occurrence_state (migration 2026-12-03T04-00); read by posture-counts.repository.ts.
 */
export interface PostureCountsTable {
  control_id: string;
  due_at: Timestamp;
  opens_at: Timestamp;
  closes_at: Timestamp;
  successor_due_at: Timestamp;
  successor_closes_at: Timestamp;
  work_state: string;
  occurrences: number;
  recorded_through: Timestamp;
}

export interface WorkOrdersTable {
  id: Generated<string>;
  number: ColumnType<number, never, never>;
  kind: string;
  occurrence_id: string | null;
  control_id: string | null;
  asset_id: string | null;
  title: string;
  description: Generated<string>;
  status: string;
  owner_role: string;
  performer_id: string | null;
  performer_label: string | null;
  completed_at: Timestamp | null;
  completion_note: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkOrderChecklistItemsTable {
  id: Generated<string>;
  work_order_id: string;
  position: number;
  text: string;
  done: Generated<boolean>;
  done_by: string | null;
  done_at: Timestamp | null;
}

export interface WorkOrderEventsTable {
  seq: ColumnType<string, never, never>;
  work_order_id: string;
  kind: string;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string;
  note: Generated<string>;
  signature_id: string | null;
}

/** Who holds a piece of work now: an occurrence (and its preventive work order) or a corrective one. */
export interface WorkAssignmentsTable {
  id: Generated<string>;
  occurrence_id: string | null;
  work_order_id: string | null;
  assignee_id: string;
  assigned_by: string;
  assigned_at: Timestamp;
}

/** A record's comment thread, append-only (a trigger refuses update and delete). */
export interface CommentsTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  record_type: string;
  record_id: string;
  body: string;
  author_id: string | null;
  author_label: string;
  created_at: Timestamp;
}

export interface CommentMentionsTable {
  comment_id: string;
  user_id: string;
}

/**
 * Every evidence file, keyed by the record it belongs to (modules/attachments is its only writer).
 * occurrence_id is the occurrence the file supports, where the record has one (work orders).
 */
export interface EvidenceAttachmentsTable {
  id: Generated<string>;
  record_type: string;
  record_id: string;
  occurrence_id: string | null;
  sha256: string;
  size_bytes: ColumnType<string, number | string, never>;
  content_type: string;
  filename: string;
  storage_key: string;
  uploaded_by: string;
  uploaded_at: Timestamp;
}

export interface SignaturesTable {
  id: Generated<string>;
  entity_type: string;
  entity_id: string;
  signer_id: string;
  signer_label: string;
  signer_role: string;
  meaning: string;
  method: string;
  reason: Generated<string>;
  record_sha256: string;
  signed_at: Timestamp;
}

export interface NonconformancesTable {
  id: Generated<string>;
  number: ColumnType<number, never, never>;
  source_type: string;
  source_id: string;
  title: string;
  description: Generated<string>;
  owner_role: string;
  status: string;
  raised_at: Timestamp;
  closed_at: Timestamp | null;
  updated_at: Timestamp;
  /** Which finding of the source, when one source raises several (a DR exercise). */
  source_item: Generated<string>;
  owner_user_id: string | null;
  owner_user_label: string | null;
  due_on: DateOnly | null;
  resolution_note: string | null;
  resolved_at: Timestamp | null;
  resolved_by_id: string | null;
  resolved_by_label: string | null;
  closed_by_id: string | null;
  closed_by_label: string | null;
  closure_signature_id: string | null;
  sla_occurrence_id: string | null;
  /** What a quality system asks of every nonconformance (2026-12-06T12-40); '' when not given. */
  requirement_not_met: Generated<string>;
  containment: Generated<string>;
  disposition: Generated<string>;
  impact_assessment: Generated<string>;
  /** Who raised it by hand; null when a source raised it. */
  raised_by: string | null;
}

/** A control occurrence a verified recovery record satisfied. */
interface SatisfiedOccurrenceJson {
  occurrenceId: string;
  controlKey: string;
  periodKey: string;
}

/** A backup restored and checked, measured against the asset's recovery objectives. */
export interface RestoreTestsTable {
  id: Generated<string>;
  number: ColumnType<number, never, never>;
  asset_id: string;
  backup_run_id: string | null;
  started_at: Timestamp;
  finished_at: Timestamp;
  recovery_point_at: Timestamp;
  recovery_point_source: string;
  measured_rto_seconds: number;
  measured_rpo_seconds: number;
  target_rto: string;
  target_rpo: string;
  targets_source: string;
  integrity_checks: Json<{ check: string; passed: boolean; note: string }[]>;
  outcome: string;
  failure_reasons: Json<string[]>;
  notes: Generated<string>;
  status: string;
  performer_id: string;
  performer_label: string;
  verified_at: Timestamp | null;
  verifier_id: string | null;
  verifier_label: string | null;
  signature_id: string | null;
  satisfied_occurrences: ColumnType<SatisfiedOccurrenceJson[], string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A disaster-recovery exercise: tabletop walk-through or live failover. */
export interface DrExercisesTable {
  id: Generated<string>;
  number: ColumnType<number, never, never>;
  type: string;
  scenario: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  participants: Json<{ name: string; role: string }[]>;
  timeline: Json<{ at: string; description: string }[]>;
  recovery_measurements: Json<
    {
      subject: string;
      assetKey: string | null;
      measuredSeconds: number;
      targetRto: string;
      met: boolean;
    }[]
  >;
  deficiencies: Json<
    { title: string; description: string; ownerUserId: string | null; dueOn: string }[]
  >;
  outcome: string;
  summary: Generated<string>;
  status: string;
  recorded_by_id: string;
  recorded_by_label: string;
  verified_at: Timestamp | null;
  verifier_id: string | null;
  verifier_label: string | null;
  signature_id: string | null;
  satisfied_occurrences: ColumnType<SatisfiedOccurrenceJson[], string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Evidence files of restore tests and DR exercises, in the encrypted evidence store. */
export interface BackupPoliciesTable {
  id: Generated<string>;
  name: string;
  scope_kind: string;
  asset_id: string | null;
  tag: string | null;
  category: string | null;
  incremental_every: string | null;
  full_every: string | null;
  grace: string;
  retention: string;
  rpo: string;
  rto: string;
  encryption_required: boolean;
  offsite_required: boolean;
  required_regions: ColumnType<string[], string[] | undefined, string[]>;
  alert_recipients: ColumnType<string[], string[] | undefined, string[]>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface BackupRunsTable {
  id: Generated<string>;
  asset_id: string;
  tool: string;
  job: string | null;
  external_id: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  status: string;
  backup_type: string | null;
  /** bigint: pg returns it as a string. */
  size_bytes: ColumnType<string | null, number | string | null, number | string | null>;
  recovery_point_id: string | null;
  recovery_point_at: Timestamp | null;
  encrypted: boolean | null;
  region: string | null;
  message: string | null;
  recorded_at: Timestamp;
  recorded_by: string;
}

/** What a snapshot listing showed restorable for one asset when it was imported. */
export interface BackupPointListingsTable {
  id: Generated<string>;
  asset_id: string;
  tool: string;
  listed_at: Timestamp;
  oldest_point_at: Timestamp;
  newest_point_at: Timestamp;
  point_count: number;
  recorded_by: string;
}

/** Continuous backup evaluation (backups module, docs/backup-evaluation.md). */
export interface BackupIncidentsTable {
  id: Generated<string>;
  asset_id: string;
  kind: string;
  began_at: Timestamp;
  opened_at: Timestamp;
  summary: string;
  trigger_run_id: string | null;
  closed_at: Timestamp | null;
  recovery_run_id: string | null;
}

export interface BackupIncidentAlertsTable {
  incident_id: string;
  message_id: string;
  purpose: string;
}

export interface BackupRunEvaluationsTable {
  run_id: string;
  run_recorded_at: Timestamp;
  evaluated_at: Timestamp;
  outcome: string;
}

/** The instance's Ed25519 key that signs evidence pack manifests (packs module). */
export interface PackSigningKeysTable {
  id: Generated<string>;
  slot: Generated<string>;
  algorithm: string;
  public_key_pem: string;
  /** PKCS#8 PEM sealed with the instance key (SecretBox). */
  private_key_sealed: string;
  /** SHA-256 of the DER public key (SPKI), hex. */
  fingerprint: string;
  created_at: Timestamp;
}

/** An evidence pack generation job and, once done, the stored pack (packs module). */
export interface EvidencePacksTable {
  id: Generated<string>;
  framework_key: string;
  period_from: DateOnly;
  period_to: DateOnly;
  state: string;
  files_done: Generated<number>;
  files_total: Generated<number>;
  size_bytes: ColumnType<string | null, number | string | null, number | string | null>;
  manifest_sha256: string | null;
  signing_key_fingerprint: string | null;
  error: string | null;
  requested_by_id: string | null;
  requested_by_label: string;
  requested_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  /** Last sign of life of the process building the pack (null once it is no longer running). */
  heartbeat_at: Timestamp | null;
}

export interface AuditorEngagementsTable {
  id: Generated<string>;
  user_id: string;
  framework_key: string;
  period_from: DateOnly;
  period_to: DateOnly;
  starts_at: Timestamp;
  expires_at: Timestamp;
  invited_by_id: string | null;
  invited_by_label: string;
  invite_token_hash: string | null;
  invite_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by_label: string | null;
  created_at: Timestamp;
  /** When the current invitation link was issued (resent); null: at created_at. */
  invite_issued_at: Timestamp | null;
}

/**
 * The one row naming the instance key by its check value (keys module): a start with another key
 * is refused; `rotating_to_check_value` is set while a key rotation is unfinished.
 */
export interface InstanceKeyTable {
  id: Generated<number>;
  check_value: string;
  recorded_at: Timestamp;
  rotating_to_check_value: string | null;
  rotation_started_at: Timestamp | null;
}

/** A TLS certificate seen in an imported PEM file or presented by a probed endpoint. */
export interface TlsCertificatesTable {
  id: Generated<string>;
  fingerprint_sha256: string;
  subject: string;
  subject_alt_names: ColumnType<string[], string[] | undefined, string[]>;
  /** The names it is for (SANs, else the subject's CN), sorted: a renewal carries the same key. */
  names_key: string;
  issuer: string;
  serial_number: string;
  not_before: Timestamp;
  not_after: Timestamp;
  key_type: string;
  key_size: number | null;
  is_ca: boolean;
  pem: string;
  asset_id: string | null;
  source: string;
  superseded_by_id: string | null;
  recorded_at: Timestamp;
  recorded_by: string;
}

/** A host and port whose TLS service is probed. */
export interface TlsEndpointsTable {
  id: Generated<string>;
  host: string;
  port: number;
  asset_id: string | null;
  current_certificate_id: string | null;
  last_probed_at: Timestamp | null;
  created_at: Timestamp;
  created_by: string;
}

/** One probe of an endpoint: the negotiated protocol and cipher and the presented chain. */
export interface TlsProbesTable {
  id: Generated<string>;
  /** bigserial: the order probes were recorded in. */
  seq: Generated<string>;
  endpoint_id: string;
  probed_at: Timestamp;
  outcome: string;
  protocol: string | null;
  cipher: string | null;
  leaf_certificate_id: string | null;
  chain_certificate_ids: ColumnType<string[], string[] | undefined, string[]>;
  detail: string;
}

/** The renewal occurrence opened for a certificate on an asset, and what renewed it. */
export interface TlsCertificateRenewalsTable {
  certificate_id: string;
  asset_id: string;
  occurrence_id: string;
  opened_at: Timestamp;
  renewed_by_certificate_id: string | null;
  renewed_at: Timestamp | null;
}

/**
 * Every missed occurrence a missed-work nonconformance stands for (2026-12-06T10-10): the first of
 * a streak raised it, the later misses of the same control and asset attached to it.
 */
export interface NonconformanceOccurrencesTable {
  occurrence_id: string;
  nonconformance_id: string;
  control_key: string;
  asset_key: string;
  /** The occurrence's deadline: a streak continues from the latest one attached. */
  due_at: Timestamp;
  attached_at: Timestamp;
}

/** A monitoring tool's webhook body, kept byte for byte as received (alerts module). */
export interface AlertDeliveriesTable {
  id: Generated<string>;
  format: string;
  body_sha256: string;
  body: string;
  alert_count: number;
  received_at: Timestamp;
  received_by: string;
}

/** One alert: (source, fingerprint, startsAt), firing then resolved (alerts module). */
export interface AlertsTable {
  id: Generated<string>;
  source: string;
  fingerprint: string;
  starts_at: Timestamp;
  ends_at: Timestamp | null;
  status: string;
  name: string;
  severity: string | null;
  labels: Json<Record<string, string>>;
  annotations: Json<Record<string, string>>;
  generator_url: string;
  asset_id: string | null;
  mapped_by: string | null;
  rule: string;
  action: string;
  first_delivery_id: string;
  last_delivery_id: string;
  received_at: Timestamp;
  updated_at: Timestamp;
}

/** An infrastructure incident (incidents module). */
export interface IncidentsTable {
  id: Generated<string>;
  number: Generated<number>;
  title: string;
  severity: string;
  status: string;
  detected_at: Timestamp;
  detection_source: string;
  source_id: string | null;
  responders: ColumnType<string[], string[] | undefined, string[]>;
  post_incident_review: Generated<string>;
  decision_occurrence_id: string | null;
  decision: string | null;
  decision_rationale: string | null;
  decision_signature_id: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  nonconformance_id: string | null;
  opened_at: Timestamp;
  opened_by: string;
  mitigated_at: Timestamp | null;
  resolved_at: Timestamp | null;
  closed_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface IncidentAssetsTable {
  incident_id: string;
  asset_id: string;
}

export interface IncidentTimelineTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  incident_id: string;
  at: Timestamp;
  kind: string;
  text: string;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** A change to infrastructure, from request to verification (changes module). */
export interface ChangesTable {
  id: Generated<string>;
  number: Generated<number>;
  title: string;
  description: string;
  type: string;
  risk: string;
  conformity_impact: string;
  test_summary: string;
  rollback_plan: string;
  status: string;
  source: string;
  source_ref: string | null;
  planned_start: Timestamp | null;
  planned_end: Timestamp | null;
  requester_id: string | null;
  requester_label: string;
  requested_at: Timestamp;
  approved_at: Timestamp | null;
  approved_by: string | null;
  approval_signature_id: string | null;
  approval_occurrence_id: string | null;
  implemented_at: Timestamp | null;
  implemented_by: string | null;
  verified_at: Timestamp | null;
  verified_by: string | null;
  verification_outcome: string | null;
  verification_note: string | null;
  verification_signature_id: string | null;
  verification_occurrence_id: string | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  closing_note: string | null;
  updated_at: Timestamp;
}

export interface ChangeAssetsTable {
  change_id: string;
  asset_id: string;
}

/** A delivery pipeline's event (merged pull request, deployment) as received (changes module). */
export interface ChangeEventsTable {
  id: Generated<string>;
  delivery_id: string;
  kind: string;
  body_sha256: string;
  repository: string;
  environment: string | null;
  state: string;
  reference: string;
  summary: string;
  occurred_at: Timestamp;
  change_id: string | null;
  asset_ids: ColumnType<string[], string[] | undefined, string[]>;
  production: boolean;
  flagged: boolean;
  flag_reason: string | null;
  received_at: Timestamp;
}

/** The workforce register and the accounts systems report (people, accounts modules). */
export interface PeopleTable {
  id: Generated<string>;
  user_name: string;
  email: string;
  name: string;
  department: string;
  job_title: string;
  manager_email: string | null;
  status: string;
  start_date: DateOnly | null;
  end_date: DateOnly | null;
  left_at: Timestamp | null;
  external_id: string | null;
  scim_deleted_at: Timestamp | null;
  source: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountSnapshotsTable {
  id: Generated<string>;
  asset_id: string;
  format: string;
  taken_at: Timestamp;
  account_count: number;
  recorded_by: string;
  recorded_at: Timestamp;
}

/** Who is on call, as primary or backup, from when to when (incidents module). */
export interface OnCallShiftsTable {
  id: Generated<string>;
  month: string;
  person: string;
  position: string;
  starts_at: Timestamp;
  ends_at: Timestamp;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface AccountsTable {
  id: Generated<string>;
  asset_id: string;
  username: string;
  email: string | null;
  person_id: string | null;
  roles: Json<string[]>;
  privileged: boolean;
  mfa_enabled: boolean | null;
  disabled: boolean;
  last_login_at: Timestamp | null;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  disabled_since: Timestamp | null;
  removed_at: Timestamp | null;
  roles_changed_at: Timestamp | null;
}

export interface RevocationClocksTable {
  id: Generated<string>;
  person_id: string;
  account_id: string;
  reason: string;
  started_at: Timestamp;
  due_at: Timestamp;
  occurrence_id: string | null;
  stopped_at: Timestamp | null;
  stopped_by_snapshot_id: string | null;
  outcome: string | null;
  created_at: Timestamp;
}

export interface AccessRequestsTable {
  id: Generated<string>;
  person_id: string;
  asset_id: string;
  role: string;
  justification: string;
  status: string;
  requested_by_id: string | null;
  requested_by_label: string;
  requested_at: Timestamp;
  approved_by_id: string | null;
  approved_by_label: string | null;
  approval_signature_id: string | null;
  approved_at: Timestamp | null;
  granted_by_label: string | null;
  granted_at: Timestamp | null;
  rejected_by_label: string | null;
  rejected_at: Timestamp | null;
  rejection_signature_id: string | null;
  rejection_reason: string | null;
}

/** A quarterly access review of one system (access-reviews module). */
export interface AccessReviewCampaignsTable {
  id: Generated<string>;
  asset_id: string;
  quarter: string;
  snapshot_id: string;
  snapshot_taken_at: Timestamp;
  delegates: Json<string[]>;
  status: string;
  started_by: string;
  started_at: Timestamp;
  signature_id: string | null;
  signed_by: string | null;
  signed_at: Timestamp | null;
  occurrence_id: string | null;
}

/** One account under review, as the campaign's snapshot showed it, and the decision on it. */
export interface AccessReviewItemsTable {
  id: Generated<string>;
  campaign_id: string;
  account_id: string;
  username: string;
  person_email: string | null;
  roles: Json<string[]>;
  privileged: boolean;
  mfa_enabled: boolean | null;
  disabled: boolean;
  last_login_at: Timestamp | null;
  decision: string | null;
  comment: Generated<string>;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

/** An asset that was running before Plumbline tracked its provisioning (register module). */
export interface AssetPreExistingTable {
  asset_id: string;
  reason: string;
  marked_at: Timestamp;
  marked_by: string;
}

/** A request to provision an asset, approved and then verified by signature (provisioning module). */
export interface ProvisioningRequestsTable {
  id: Generated<string>;
  number: Generated<number>;
  asset_id: string;
  status: string;
  purpose: string;
  requirements: string;
  security_considerations: string;
  configuration_reference: string;
  requested_at: Timestamp;
  requested_by_id: string;
  requested_by_label: string;
  approved_at: Timestamp | null;
  approved_by_label: string | null;
  approval_signature_id: string | null;
  started_at: Timestamp | null;
  implemented_by_id: string | null;
  implemented_by_label: string | null;
  verified_at: Timestamp | null;
  updated_at: Timestamp;
}

/** One acceptance criterion of a provisioning request and its signed verification. */
export interface ProvisioningCriteriaTable {
  request_id: string;
  position: number;
  criterion: string;
  observation: string | null;
  verified_at: Timestamp | null;
  verified_by_label: string | null;
  signature_id: string | null;
}

/** How an asset was taken out of service, signed (provisioning module). */
export interface DecommissioningRecordsTable {
  id: Generated<string>;
  number: Generated<number>;
  asset_id: string;
  status: string;
  retention_decision: string;
  data_disposition: string;
  data_location: string;
  sanitisation_method: string;
  sanitisation_reference: string;
  access_removed: boolean;
  dns_removed: boolean;
  certificates_removed: boolean;
  monitoring_removed: boolean;
  shut_down_at: Timestamp;
  recorded_at: Timestamp;
  recorded_by_label: string;
  signed_at: Timestamp | null;
  signed_by_label: string | null;
  signature_id: string | null;
  updated_at: Timestamp;
}

/** Supplier oversight (supplier-reviews module). */
export interface SupplierReviewsTable {
  id: Generated<string>;
  supplier_id: string;
  status: string;
  report_kind: string;
  report_title: string;
  period_from: DateOnly | null;
  period_to: DateOnly | null;
  opinion: string;
  exceptions: Generated<string>;
  bridge_letter_through: DateOnly | null;
  findings: Generated<string>;
  decision: string | null;
  conditions: Generated<string>;
  next_review_due: DateOnly | null;
  signature_id: string | null;
  signed_at: Timestamp | null;
  signed_by: string | null;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
}

export interface SupplierReviewCuecsTable {
  review_id: string;
  position: number;
  text: string;
  in_place: boolean | null;
  comment: Generated<string>;
  checked_by: string | null;
  checked_at: Timestamp | null;
}

export interface SupplierEventsTable {
  id: Generated<string>;
  supplier_id: string;
  kind: string;
  at: Timestamp;
  title: string;
  detail: Generated<string>;
  incident_id: string | null;
  review_id: string | null;
  recorded_by: string;
  recorded_at: Timestamp;
}

export interface SupplierCertificateRenewalsTable {
  supplier_id: string;
  certification: string;
  expires_on: DateOnly;
  occurrence_id: string;
  opened_at: Timestamp;
  renewed_expires_on: DateOnly | null;
  renewed_at: Timestamp | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  sso_identities: SsoIdentitiesTable;
  signing_proofs: SigningProofsTable;
  api_tokens: ApiTokensTable;
  calendar_feeds: CalendarFeedsTable;
  setup_tokens: SetupTokensTable;
  audit_events: AuditEventsTable;
  audit_checkpoints: AuditCheckpointsTable;
  suppliers: SuppliersTable;
  assets: AssetsTable;
  processes: ProcessesTable;
  matrix_rows: MatrixRowsTable;
  review_campaigns: ReviewCampaignsTable;
  review_items: ReviewItemsTable;
  outbox_messages: OutboxMessagesTable;
  outbox_attempts: OutboxAttemptsTable;
  job_claims: JobClaimsTable;
  frameworks: FrameworksTable;
  requirements: RequirementsTable;
  controls: ControlsTable;
  control_requirements: ControlRequirementsTable;
  catalog_revisions: CatalogRevisionsTable;
  trigger_events: TriggerEventsTable;
  occurrences: OccurrencesTable;
  occurrence_events: OccurrenceEventsTable;
  occurrence_state: OccurrenceStateTable;
  posture_counts: PostureCountsTable;
  work_orders: WorkOrdersTable;
  work_order_checklist_items: WorkOrderChecklistItemsTable;
  work_order_events: WorkOrderEventsTable;
  work_assignments: WorkAssignmentsTable;
  comments: CommentsTable;
  comment_mentions: CommentMentionsTable;
  evidence_attachments: EvidenceAttachmentsTable;
  signatures: SignaturesTable;
  nonconformances: NonconformancesTable;
  backup_policies: BackupPoliciesTable;
  backup_runs: BackupRunsTable;
  backup_point_listings: BackupPointListingsTable;
  backup_incidents: BackupIncidentsTable;
  backup_incident_alerts: BackupIncidentAlertsTable;
  backup_run_evaluations: BackupRunEvaluationsTable;
  restore_tests: RestoreTestsTable;
  dr_exercises: DrExercisesTable;
  pack_signing_keys: PackSigningKeysTable;
  evidence_packs: EvidencePacksTable;
  auditor_engagements: AuditorEngagementsTable;
  instance_key: InstanceKeyTable;
  tls_certificates: TlsCertificatesTable;
  tls_endpoints: TlsEndpointsTable;
  tls_probes: TlsProbesTable;
  tls_certificate_renewals: TlsCertificateRenewalsTable;
  supplier_reviews: SupplierReviewsTable;
  supplier_review_cuecs: SupplierReviewCuecsTable;
  supplier_events: SupplierEventsTable;
  supplier_certificate_renewals: SupplierCertificateRenewalsTable;
  nonconformance_occurrences: NonconformanceOccurrencesTable;
  alert_deliveries: AlertDeliveriesTable;
  alerts: AlertsTable;
  incidents: IncidentsTable;
  changes: ChangesTable;
  change_assets: ChangeAssetsTable;
  change_events: ChangeEventsTable;
  incident_assets: IncidentAssetsTable;
  incident_timeline: IncidentTimelineTable;
  on_call_shifts: OnCallShiftsTable;
  vulnerability_scans: VulnerabilityScansTable;
  vulnerability_findings: VulnerabilityFindingsTable;
  finding_exceptions: FindingExceptionsTable;
  people: PeopleTable;
  account_snapshots: AccountSnapshotsTable;
  accounts: AccountsTable;
  revocation_clocks: RevocationClocksTable;
  access_requests: AccessRequestsTable;
  access_review_campaigns: AccessReviewCampaignsTable;
  access_review_items: AccessReviewItemsTable;
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
  document_events: DocumentEventsTable;
  document_signoffs: DocumentSignoffsTable;
  document_signer_mappings: DocumentSignerMappingsTable;
  document_links: DocumentLinksTable;
  document_review_occurrences: DocumentReviewOccurrencesTable;
  document_periodic_reviews: DocumentPeriodicReviewsTable;
  training_assignments: TrainingAssignmentsTable;
  quiz_attempts: QuizAttemptsTable;
  capas: CapasTable;
  capa_nonconformances: CapaNonconformancesTable;
  capa_actions: CapaActionsTable;
  asset_pre_existing: AssetPreExistingTable;
  provisioning_requests: ProvisioningRequestsTable;
  provisioning_criteria: ProvisioningCriteriaTable;
  decommissioning_records: DecommissioningRecordsTable;
}

/** A corrective or preventive action record (capas module, docs/capa.md). */
export interface CapasTable {
  id: Generated<string>;
  number: ColumnType<number, never, never>;
  kind: string;
  title: string;
  status: string;
  owner_user_id: string;
  owner_label: string;
  root_cause_method: string | null;
  root_cause: Generated<string>;
  check_planned_on: DateOnly;
  check_criteria: string;
  check_outcome: string | null;
  check_note: string | null;
  check_signature_id: string | null;
  checked_at: Timestamp | null;
  checked_by: string | null;
  sla_occurrence_id: string | null;
  opened_at: Timestamp;
  opened_by: string;
  closed_at: Timestamp | null;
  closed_by: string | null;
  updated_at: Timestamp;
}

export interface CapaNonconformancesTable {
  capa_id: string;
  nonconformance_id: string;
}

export interface CapaActionsTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  capa_id: string;
  title: string;
  owner_user_id: string;
  owner_label: string;
  due_on: DateOnly;
  status: string;
  completion_note: string | null;
  completed_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type UserRow = Selectable<UsersTable>;
export type AuditorEngagementRow = Selectable<AuditorEngagementsTable>;
export type AssetRow = Selectable<AssetsTable>;
export type NewAssetRow = Insertable<AssetsTable>;
export type AssetUpdate = Updateable<AssetsTable>;
export type SupplierRow = Selectable<SuppliersTable>;
export type ProcessRow = Selectable<ProcessesTable>;
export type MatrixRow = Selectable<MatrixRowsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;

/** Vulnerability scans, findings and their exceptions (vulnerabilities module). */
export interface VulnerabilityScansTable {
  id: Generated<string>;
  asset_id: string;
  scanner: string;
  format: string;
  artifact_name: string | null;
  scanned_at: Timestamp;
  report_sha256: string;
  finding_count: number;
  created_count: number;
  fixed_count: number;
  imported_at: Timestamp;
  imported_by: string;
}

export interface VulnerabilityFindingsTable {
  id: Generated<string>;
  asset_id: string;
  vulnerability_id: string;
  package_name: string;
  installed_version: string;
  scanner: string;
  severity: string;
  fixed_version: string | null;
  title: Generated<string>;
  target: Generated<string>;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  first_scan_id: string;
  last_scan_id: string;
  fixed_at: Timestamp | null;
  fixed_by_scan_id: string | null;
  sla_due_at: Timestamp | null;
  sla_occurrence_id: string | null;
  accepted_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FindingExceptionsTable {
  id: Generated<string>;
  finding_id: string;
  reason: string;
  expires_at: Timestamp;
  status: string;
  requested_by_id: string | null;
  requested_by_label: string;
  requested_at: Timestamp;
  approved_by_id: string | null;
  approved_by_label: string | null;
  approved_at: Timestamp | null;
  signature_id: string | null;
}

/** Controlled documents and their versions (documents module). */
export interface DocumentsTable {
  id: Generated<string>;
  key: string;
  title: string;
  owner: string;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
}

export interface DocumentVersionsTable {
  id: Generated<string>;
  document_id: string;
  version: number;
  status: string;
  title: string;
  author: string;
  reviewers: Json<string[]>;
  approvers: Json<string[]>;
  training: Json<{
    requiredDepartments: string[];
    mode: string;
    dueDays: number;
  } | null>;
  front_matter: Json<Record<string, unknown>>;
  unknown_fields: Json<Record<string, unknown>>;
  body: string;
  source: string;
  content_sha256: string;
  effective_date: DateOnly | null;
  review_due_on: DateOnly;
  quiz: Json<{
    passMark: number;
    questions: { text: string; options: string[]; answer: number }[];
  } | null>;
  attestation_signature_id: string | null;
  imported_at: Timestamp;
  imported_by: string;
  approved_at: Timestamp | null;
  effective_at: Timestamp | null;
  superseded_at: Timestamp | null;
  retired_at: Timestamp | null;
}

export interface DocumentEventsTable {
  id: Generated<string>;
  seq: Generated<string>;
  document_id: string;
  version_id: string | null;
  kind: string;
  text: string;
  at: Timestamp;
  by: string;
}

export interface DocumentSignoffsTable {
  id: Generated<string>;
  version_id: string;
  kind: string;
  name: string;
  signature_id: string;
  signer_id: string;
  signer_label: string;
  signed_at: Timestamp;
}

export interface DocumentSignerMappingsTable {
  name: string;
  user_id: string;
  mapped_by: string;
  mapped_at: Timestamp;
}

export interface DocumentLinksTable {
  document_id: string;
  target_kind: string;
  target_key: string;
  linked_by: string;
  linked_at: Timestamp;
}

/** A document's periodic review occurrence: which version and review date it answers. */
export interface DocumentReviewOccurrencesTable {
  occurrence_id: string;
  document_id: string;
  version_id: string;
  review_due_on: DateOnly;
  opened_at: Timestamp;
  met_at: Timestamp | null;
  met_by: 'new-version' | 'reviewed' | null;
}

/** A signed "reviewed, no change" periodic review of an effective version. */
export interface DocumentPeriodicReviewsTable {
  id: Generated<string>;
  document_id: string;
  version_id: string;
  review_due_on: DateOnly;
  next_review_due_on: DateOnly;
  note: string;
  signature_id: string;
  signer_label: string;
  reviewed_at: Timestamp;
}

/** Training on effective document versions (training module). */
export interface TrainingAssignmentsTable {
  id: Generated<string>;
  user_id: string;
  document_id: string;
  version_id: string;
  assigned_at: Timestamp;
  due_at: Timestamp;
  completed_at: Timestamp | null;
  signature_id: string | null;
  score: number | null;
  overdue_notified_at: Timestamp | null;
  escalated_at: Timestamp | null;
}

export interface QuizAttemptsTable {
  id: Generated<string>;
  assignment_id: string;
  answers: Json<number[]>;
  score: number;
  passed: boolean;
  attempted_at: Timestamp;
}
