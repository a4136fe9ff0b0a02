import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/**
 * Read-only projections of the records an evidence pack exports, one keyset page at a time so a
 * pack never holds a whole register in memory. Each page starts after the last row of the
 * previous one (`after`), in a stable order backed by a unique key.
 */
type Db = Kysely<Database>;

export interface PeriodWindow {
  start: Date;
  end: Date;
  /** Records created after this instant are left out, so the pack is as of one instant. */
  asOf: Date;
}

/**
 * Evidence files of the period: those uploaded during it, and those attached (by the as-of
 * instant) to an occurrence whose deadline falls in it, so every occurrence in the pack has its
 * files.
 */
/** Work evidence: files of work orders (and of occurrences directly, from before work orders). */
const WORK_RECORD_TYPES = ['work-order', 'occurrence'];
/**
 * Files of records that hold their own evidence, by upload instant: restore tests, DR exercises,
 * supplier reviews (the supplier's report or certificate) and supplier timeline entries (service
 * reports).
 */
const RECOVERY_RECORD_TYPES = ['restore-test', 'dr-exercise', 'supplier-review', 'supplier-event'];

function evidenceOfPeriod(db: Db, window: PeriodWindow) {
  return db
    .selectFrom('evidence_attachments')
    .leftJoin('occurrences', 'occurrences.id', 'evidence_attachments.occurrence_id')
    .where('evidence_attachments.record_type', 'in', WORK_RECORD_TYPES)
    .where('evidence_attachments.uploaded_at', '<=', window.asOf)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('evidence_attachments.uploaded_at', '>=', window.start),
          eb('evidence_attachments.uploaded_at', '<', window.end),
        ]),
        eb.and([
          eb('occurrences.due_at', '>', window.start),
          eb('occurrences.due_at', '<=', window.end),
        ]),
      ]),
    );
}

function recoveryEvidenceOfPeriod(db: Db, window: PeriodWindow) {
  return db
    .selectFrom('evidence_attachments')
    .where('record_type', 'in', RECOVERY_RECORD_TYPES)
    .where('uploaded_at', '>=', window.start)
    .where('uploaded_at', '<', window.end)
    .where('uploaded_at', '<=', window.asOf);
}

export const packRecordsRepository = {
  /** Sizes of the registers, for the index. */
  async registerCounts(db: Db) {
    const assets = await db
      .selectFrom('assets')
      .select((eb) => [
        eb.fn.countAll<string>().as('assets'),
        eb.fn.countAll<string>().filterWhere('criticality', '=', 'critical').as('critical'),
        eb.fn.countAll<string>().filterWhere('third_party_managed', '=', true).as('third_party'),
        eb.fn
          .countAll<string>()
          .filterWhere('acceptance_criteria', '<>', '')
          .as('with_acceptance_criteria'),
      ])
      .executeTakeFirstOrThrow();
    const matrix = await db
      .selectFrom('matrix_rows')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const suppliers = await db
      .selectFrom('suppliers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      assets: Number(assets.assets),
      criticalAssets: Number(assets.critical),
      thirdPartyAssets: Number(assets.third_party),
      assetsWithAcceptanceCriteria: Number(assets.with_acceptance_criteria),
      matrixRows: Number(matrix.n),
      suppliers: Number(suppliers.n),
    };
  },

  assets(db: Db, after: string | null, limit: number) {
    let query = db
      .selectFrom('assets')
      .leftJoin('suppliers', 'suppliers.id', 'assets.supplier_id')
      .select([
        'assets.key',
        'assets.name',
        'assets.category',
        'assets.purpose',
        'assets.environment',
        'assets.owner_role',
        'assets.owner_person',
        'assets.criticality',
        'assets.criticality_rationale',
        'assets.data_classification',
        'assets.region',
        'assets.lifecycle_status',
        'assets.third_party_managed',
        'assets.configuration_reference',
        'assets.acceptance_criteria',
        'assets.last_reviewed_on',
        'assets.next_review_due_on',
        'assets.tags',
        'assets.created_at',
        'assets.updated_at',
        'suppliers.key as supplier',
      ])
      .orderBy('assets.key')
      .limit(limit);
    if (after !== null) query = query.where('assets.key', '>', after);
    return query.execute();
  },

  matrix(db: Db, after: string | null, limit: number) {
    let query = db
      .selectFrom('matrix_rows')
      .innerJoin('processes', 'processes.id', 'matrix_rows.process_id')
      .innerJoin('assets', 'assets.id', 'matrix_rows.asset_id')
      .select([
        'matrix_rows.id',
        'processes.key as process_key',
        'processes.name as process_name',
        'processes.owner_role as process_owner_role',
        'processes.affects_conformity',
        'assets.key as asset_key',
        'assets.name as asset_name',
        'assets.criticality as asset_criticality',
        'assets.third_party_managed',
        'matrix_rows.conformity_impact',
        'matrix_rows.control_method',
        'matrix_rows.evidence_location',
      ])
      .orderBy('matrix_rows.id')
      .limit(limit);
    if (after !== null) query = query.where('matrix_rows.id', '>', after);
    return query.execute();
  },

  suppliers(db: Db, after: string | null, limit: number) {
    let query = db
      .selectFrom('suppliers')
      .select([
        'key',
        'name',
        'services',
        'contract_reference',
        'escalation_contact',
        'certifications',
        'notes',
      ])
      .orderBy('key')
      .limit(limit);
    if (after !== null) query = query.where('key', '>', after);
    return query.execute();
  },

  /** Work orders open at some point of the period: created before its end, not closed before it. */
  workOrders(db: Db, window: PeriodWindow, after: number | null, limit: number) {
    let query = db
      .selectFrom('work_orders')
      .leftJoin('controls', 'controls.id', 'work_orders.control_id')
      .leftJoin('assets', 'assets.id', 'work_orders.asset_id')
      .leftJoin('occurrences', 'occurrences.id', 'work_orders.occurrence_id')
      .select([
        'work_orders.id',
        'work_orders.number',
        'work_orders.kind',
        'work_orders.title',
        'work_orders.status',
        'work_orders.owner_role',
        'work_orders.performer_label',
        'work_orders.completed_at',
        'work_orders.completion_note',
        'work_orders.created_at',
        'controls.key as control_key',
        'assets.key as asset_key',
        'occurrences.period_key',
      ])
      .where('work_orders.created_at', '<', window.end)
      .where('work_orders.created_at', '<=', window.asOf)
      .where((eb) =>
        eb.or([
          eb('work_orders.completed_at', 'is', null),
          eb('work_orders.completed_at', '>=', window.start),
        ]),
      )
      .orderBy('work_orders.number')
      .limit(limit);
    if (after !== null) query = query.where('work_orders.number', '>', after);
    return query.execute();
  },

  /**
   * Closeouts signed over a contradicting automatic source (a failed backup run and no success in
   * the window) in the period: exceptions an auditor must see, with who signed them and why.
   */
  closeoutOverrides(db: Db, window: PeriodWindow, after: string | null, limit: number) {
    let query = db
      .selectFrom('work_order_events')
      .innerJoin('work_orders', 'work_orders.id', 'work_order_events.work_order_id')
      .leftJoin('controls', 'controls.id', 'work_orders.control_id')
      .leftJoin('assets', 'assets.id', 'work_orders.asset_id')
      .leftJoin('occurrences', 'occurrences.id', 'work_orders.occurrence_id')
      .leftJoin('signatures', 'signatures.id', 'work_order_events.signature_id')
      .select([
        'work_order_events.seq',
        'work_orders.number as work_order_number',
        'controls.key as control_key',
        'assets.key as asset_key',
        'occurrences.period_key',
        'work_order_events.at as overridden_at',
        'work_order_events.actor_label as signer_label',
        'signatures.signer_role',
        'signatures.method as signature_method',
        'signatures.record_sha256 as signed_record_sha256',
        'work_order_events.note as justification',
      ])
      .where('work_order_events.kind', '=', 'overridden')
      .where('work_order_events.at', '>=', window.start)
      .where('work_order_events.at', '<', window.end)
      .where('work_order_events.at', '<=', window.asOf)
      .orderBy('work_order_events.seq')
      .limit(limit);
    if (after !== null) query = query.where('work_order_events.seq', '>', after);
    return query.execute();
  },

  auditEvents(db: Db, window: PeriodWindow, after: string | null, limit: number) {
    let query = db
      .selectFrom('audit_events')
      .select([
        'seq',
        'id',
        'occurred_at',
        'actor_type',
        'actor_label',
        'action',
        'entity_type',
        'entity_id',
        'hash',
      ])
      .where('occurred_at', '>=', window.start)
      .where('occurred_at', '<', window.end)
      .orderBy('seq')
      .limit(limit);
    if (after !== null) query = query.where('seq', '>', after);
    return query.execute();
  },

  evidenceFiles(db: Db, window: PeriodWindow, after: string | null, limit: number) {
    let query = evidenceOfPeriod(db, window)
      .leftJoin('controls', 'controls.id', 'occurrences.control_id')
      .leftJoin('work_orders', (join) =>
        join
          .onRef('work_orders.id', '=', 'evidence_attachments.record_id')
          .on('evidence_attachments.record_type', '=', 'work-order'),
      )
      .select([
        'evidence_attachments.id',
        'evidence_attachments.sha256',
        'evidence_attachments.size_bytes',
        'evidence_attachments.content_type',
        'evidence_attachments.filename',
        'evidence_attachments.storage_key',
        'evidence_attachments.uploaded_by',
        'evidence_attachments.uploaded_at',
        'controls.key as control_key',
        'occurrences.period_key',
        'occurrences.asset_key',
        'work_orders.number as work_order_number',
      ])
      .orderBy('evidence_attachments.id')
      .limit(limit);
    if (after !== null) query = query.where('evidence_attachments.id', '>', after);
    return query.execute();
  },

  async evidenceFileCount(db: Db, window: PeriodWindow): Promise<number> {
    const row = await evidenceOfPeriod(db, window)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  /**
   * Evidence files of restore tests and DR exercises uploaded in the period (by the as-of
   * instant), in the same shape as work evidence: the record type stands where a control would.
   */
  recoveryEvidenceFiles(db: Db, window: PeriodWindow, after: string | null, limit: number) {
    let query = recoveryEvidenceOfPeriod(db, window)
      .select((eb) => [
        'id',
        'sha256',
        'size_bytes',
        'content_type',
        'filename',
        'storage_key',
        'uploaded_by',
        'uploaded_at',
        'record_type as control_key',
        eb.val<string | null>(null).as('period_key'),
        eb.val<string | null>(null).as('asset_key'),
        eb.val<number | null>(null).as('work_order_number'),
      ])
      .orderBy('id')
      .limit(limit);
    if (after !== null) query = query.where('id', '>', after);
    return query.execute();
  },

  async recoveryEvidenceFileCount(db: Db, window: PeriodWindow): Promise<number> {
    const row = await recoveryEvidenceOfPeriod(db, window)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};

export type EvidenceFileRecord = Awaited<
  ReturnType<typeof packRecordsRepository.evidenceFiles>
>[number];
