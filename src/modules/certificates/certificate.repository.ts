import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { ParsedCertificate } from './parse-pem.js';

type Db = Kysely<Database> | Transaction<Database>;

const certificateColumns = [
  'tls_certificates.id',
  'tls_certificates.fingerprint_sha256',
  'tls_certificates.subject',
  'tls_certificates.subject_alt_names',
  'tls_certificates.names_key',
  'tls_certificates.issuer',
  'tls_certificates.serial_number',
  'tls_certificates.not_before',
  'tls_certificates.not_after',
  'tls_certificates.key_type',
  'tls_certificates.key_size',
  'tls_certificates.is_ca',
  'tls_certificates.source',
  'tls_certificates.superseded_by_id',
  'tls_certificates.recorded_at',
  'tls_certificates.recorded_by',
] as const;

export interface CertificateListFilter {
  notAfterBefore?: Date;
  /** Only certificates valid at some time in [start, until) and recorded by `asOf`. */
  validDuring?: { start: Date; until: Date; asOf: Date };
  assetId?: string;
  includeSuperseded: boolean;
  includeCa: boolean;
  after?: { notAfter: Date; id: string };
  limit: number;
}

/** SQL for certificates, endpoints, probes and renewals, and nothing else. */
export const certificateRepository = {
  list(db: Db, filter: CertificateListFilter) {
    let query = db
      .selectFrom('tls_certificates')
      .leftJoin('assets', 'assets.id', 'tls_certificates.asset_id')
      .select([...certificateColumns, 'assets.key as asset_key'])
      .orderBy('tls_certificates.not_after')
      .orderBy('tls_certificates.id')
      .limit(filter.limit);
    if (filter.notAfterBefore) query = query.where('not_after', '<', filter.notAfterBefore);
    const during = filter.validDuring;
    if (during) {
      query = query
        .where('tls_certificates.not_before', '<', during.until)
        .where('tls_certificates.not_after', '>=', during.start)
        .where('tls_certificates.recorded_at', '<=', during.asOf);
    }
    if (filter.assetId) query = query.where('tls_certificates.asset_id', '=', filter.assetId);
    if (!filter.includeSuperseded) query = query.where('superseded_by_id', 'is', null);
    if (!filter.includeCa) query = query.where('is_ca', '=', false);
    const after = filter.after;
    if (after) {
      query = query.where((eb) =>
        eb(
          eb.refTuple('tls_certificates.not_after', 'tls_certificates.id'),
          '>',
          eb.tuple(after.notAfter, after.id),
        ),
      );
    }
    return query.execute();
  },

  get(db: Db, id: string) {
    return db
      .selectFrom('tls_certificates')
      .leftJoin('assets', 'assets.id', 'tls_certificates.asset_id')
      .select([...certificateColumns, 'tls_certificates.pem', 'assets.key as asset_key'])
      .where('tls_certificates.id', '=', id)
      .executeTakeFirst();
  },

  async idsByFingerprint(db: Db, fingerprints: string[]): Promise<Map<string, string>> {
    if (fingerprints.length === 0) return new Map();
    const rows = await db
      .selectFrom('tls_certificates')
      .select(['id', 'fingerprint_sha256'])
      .where('fingerprint_sha256', 'in', fingerprints)
      .execute();
    return new Map(rows.map((row) => [row.fingerprint_sha256, row.id]));
  },

  async insert(
    db: Db,
    certificate: ParsedCertificate,
    meta: { assetId: string | null; source: 'import' | 'probe'; now: Date; recordedBy: string },
  ): Promise<string | null> {
    const row = await db
      .insertInto('tls_certificates')
      .values({
        fingerprint_sha256: certificate.fingerprintSha256,
        subject: certificate.subject,
        subject_alt_names: certificate.subjectAltNames,
        names_key: certificate.namesKey,
        issuer: certificate.issuer,
        serial_number: certificate.serialNumber,
        not_before: certificate.notBefore,
        not_after: certificate.notAfter,
        key_type: certificate.keyType,
        key_size: certificate.keySize,
        is_ca: certificate.isCa,
        pem: certificate.pem,
        asset_id: meta.assetId,
        source: meta.source,
        recorded_at: meta.now,
        recorded_by: meta.recordedBy,
      })
      .onConflict((oc) => oc.column('fingerprint_sha256').doNothing())
      .returning('id')
      .executeTakeFirst();
    return row?.id ?? null;
  },

  /** Leaf certificates for the same names that expire before `notAfter` and are still current. */
  supersedable(db: Db, namesKey: string, notAfter: Date, exceptId: string) {
    return db
      .selectFrom('tls_certificates')
      .select(['id', 'not_after'])
      .where('names_key', '=', namesKey)
      .where('not_after', '<', notAfter)
      .where('is_ca', '=', false)
      .where('superseded_by_id', 'is', null)
      .where('id', '!=', exceptId)
      .execute();
  },

  /** Links a certificate recorded without an asset to one; returns whether it did. */
  async linkAsset(db: Db, id: string, assetId: string): Promise<boolean> {
    const rows = await db
      .updateTable('tls_certificates')
      .set({ asset_id: assetId })
      .where('id', '=', id)
      .where('asset_id', 'is', null)
      .returning('id')
      .execute();
    return rows.length === 1;
  },

  currentLeaf(db: Db, id: string) {
    return db
      .selectFrom('tls_certificates')
      .select(['id', 'not_after', 'superseded_by_id', 'is_ca'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  async supersede(db: Db, ids: string[], byId: string): Promise<void> {
    if (ids.length === 0) return;
    await db
      .updateTable('tls_certificates')
      .set({ superseded_by_id: byId })
      .where('id', 'in', ids)
      .where('superseded_by_id', 'is', null)
      .execute();
  },

  openRenewals(db: Db, certificateIds: string[]) {
    if (certificateIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('tls_certificate_renewals')
      .select(['certificate_id', 'asset_id', 'occurrence_id'])
      .where('certificate_id', 'in', certificateIds)
      .where('renewed_by_certificate_id', 'is', null)
      .execute();
  },

  async markRenewed(db: Db, certificateId: string, byId: string, now: Date): Promise<void> {
    await db
      .updateTable('tls_certificate_renewals')
      .set({ renewed_by_certificate_id: byId, renewed_at: now })
      .where('certificate_id', '=', certificateId)
      .where('renewed_by_certificate_id', 'is', null)
      .execute();
  },

  renewalsOf(db: Db, certificateId: string) {
    return db
      .selectFrom('tls_certificate_renewals')
      .innerJoin('assets', 'assets.id', 'tls_certificate_renewals.asset_id')
      .innerJoin(
        'occurrence_state',
        'occurrence_state.occurrence_id',
        'tls_certificate_renewals.occurrence_id',
      )
      .select([
        'assets.key as asset_key',
        'tls_certificate_renewals.occurrence_id',
        'tls_certificate_renewals.opened_at',
        'tls_certificate_renewals.renewed_by_certificate_id',
        'tls_certificate_renewals.renewed_at',
        'occurrence_state.opens_at',
        'occurrence_state.due_at',
        'occurrence_state.closes_at',
        'occurrence_state.work_state',
      ])
      .where('certificate_id', '=', certificateId)
      .orderBy('assets.key')
      .execute();
  },

  insertRenewal(
    db: Db,
    row: { certificateId: string; assetId: string; occurrenceId: string; now: Date },
  ) {
    return db
      .insertInto('tls_certificate_renewals')
      .values({
        certificate_id: row.certificateId,
        asset_id: row.assetId,
        occurrence_id: row.occurrenceId,
        opened_at: row.now,
      })
      .onConflict((oc) => oc.columns(['certificate_id', 'asset_id']).doNothing())
      .execute();
  },

  /**
   * Current leaf certificates whose notAfter is at or before `by`, with every asset they are on:
   * the asset they were imported for and the assets of the endpoints presenting them now, and
   * whether a renewal was already opened there.
   */
  async deploymentsExpiringBy(db: Db, by: Date) {
    const direct = db
      .selectFrom('tls_certificates')
      .innerJoin('assets', 'assets.id', 'tls_certificates.asset_id')
      .select([
        'tls_certificates.id as certificate_id',
        'tls_certificates.not_after',
        'tls_certificates.subject',
        'tls_certificates.fingerprint_sha256',
        'assets.id as asset_id',
        'assets.key as asset_key',
        'assets.environment',
      ])
      .where('tls_certificates.not_after', '<=', by)
      .where('tls_certificates.superseded_by_id', 'is', null)
      .where('tls_certificates.is_ca', '=', false);
    const viaEndpoints = db
      .selectFrom('tls_endpoints')
      .innerJoin('tls_certificates', 'tls_certificates.id', 'tls_endpoints.current_certificate_id')
      .innerJoin('assets', 'assets.id', 'tls_endpoints.asset_id')
      .select([
        'tls_certificates.id as certificate_id',
        'tls_certificates.not_after',
        'tls_certificates.subject',
        'tls_certificates.fingerprint_sha256',
        'assets.id as asset_id',
        'assets.key as asset_key',
        'assets.environment',
      ])
      .where('tls_certificates.not_after', '<=', by)
      .where('tls_certificates.superseded_by_id', 'is', null)
      .where('tls_certificates.is_ca', '=', false);
    const rows = await direct.union(viaEndpoints).execute();
    const opened = await certificateRepository.openedRenewalKeys(
      db,
      rows.map((row) => row.certificate_id),
    );
    return rows
      .map((row) => ({
        ...row,
        renewalOpened: opened.has(`${row.certificate_id}:${row.asset_id}`),
      }))
      .sort(
        (a, b) =>
          a.not_after.getTime() - b.not_after.getTime() || a.asset_key.localeCompare(b.asset_key),
      );
  },

  async openedRenewalKeys(db: Db, certificateIds: string[]): Promise<Set<string>> {
    if (certificateIds.length === 0) return new Set();
    const rows = await db
      .selectFrom('tls_certificate_renewals')
      .select(['certificate_id', 'asset_id'])
      .where('certificate_id', 'in', certificateIds)
      .execute();
    return new Set(rows.map((row) => `${row.certificate_id}:${row.asset_id}`));
  },

  /** Expired certificates presented now by endpoints of production assets. */
  expiredOnProductionEndpoints(db: Db, now: Date) {
    return db
      .selectFrom('tls_endpoints')
      .innerJoin('tls_certificates', 'tls_certificates.id', 'tls_endpoints.current_certificate_id')
      .innerJoin('assets', 'assets.id', 'tls_endpoints.asset_id')
      .select([
        'tls_endpoints.id as endpoint_id',
        'tls_endpoints.host',
        'tls_endpoints.port',
        'tls_certificates.id as certificate_id',
        'tls_certificates.subject',
        'tls_certificates.not_after',
        'tls_certificates.fingerprint_sha256',
        'assets.key as asset_key',
        'assets.owner_role',
      ])
      .where('assets.environment', '=', 'production')
      .where('tls_certificates.not_after', '<=', now)
      .orderBy('tls_endpoints.host')
      .orderBy('tls_endpoints.port')
      .execute();
  },

  endpointsPresenting(db: Db, certificateId: string) {
    return db
      .selectFrom('tls_endpoints')
      .select(['id', 'host', 'port'])
      .where('current_certificate_id', '=', certificateId)
      .orderBy('host')
      .orderBy('port')
      .execute();
  },

  /** When each of these certificates was superseded: the newer one's recording time. */
  async supersededAt(db: Db, certificateIds: string[]): Promise<Map<string, Date>> {
    if (certificateIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('tls_certificates as old')
      .innerJoin('tls_certificates as newer', 'newer.id', 'old.superseded_by_id')
      .select(['old.id', 'newer.recorded_at'])
      .where('old.id', 'in', certificateIds)
      .execute();
    return new Map(rows.map((row) => [row.id, row.recorded_at]));
  },

  /**
   * The assets each certificate was on by the period's end (as recorded by `asOf`): those its
   * endpoints presented it for in a probe, and those a renewal was opened on (the asset it was imported for is on
   * the certificate itself).
   */
  async deployedOnBy(db: Db, certificateIds: string[], by: { end: Date; asOf: Date }) {
    if (certificateIds.length === 0) return [];
    const probed = db
      .selectFrom('tls_probes')
      .innerJoin('tls_endpoints', 'tls_endpoints.id', 'tls_probes.endpoint_id')
      .innerJoin('assets', 'assets.id', 'tls_endpoints.asset_id')
      .select(['tls_probes.leaf_certificate_id as certificate_id', 'assets.key as asset_key'])
      .where('tls_probes.leaf_certificate_id', 'in', certificateIds)
      .where('tls_probes.probed_at', '<', by.end)
      .where('tls_probes.probed_at', '<=', by.asOf);
    const renewed = db
      .selectFrom('tls_certificate_renewals')
      .innerJoin('assets', 'assets.id', 'tls_certificate_renewals.asset_id')
      .select(['tls_certificate_renewals.certificate_id', 'assets.key as asset_key'])
      .where('tls_certificate_renewals.certificate_id', 'in', certificateIds)
      .where('tls_certificate_renewals.opened_at', '<', by.end)
      .where('tls_certificate_renewals.opened_at', '<=', by.asOf);
    return probed.union(renewed).execute();
  },

  /**
   * The last probe of each endpoint in [start, end) recorded by `asOf`, with its endpoint, asset
   * and the leaf certificate it presented.
   */
  lastProbesDuring(db: Db, window: { start: Date; end: Date; asOf: Date }) {
    return db
      .selectFrom('tls_probes')
      .innerJoin('tls_endpoints', 'tls_endpoints.id', 'tls_probes.endpoint_id')
      .leftJoin('assets', 'assets.id', 'tls_endpoints.asset_id')
      .leftJoin('tls_certificates', 'tls_certificates.id', 'tls_probes.leaf_certificate_id')
      .distinctOn(['tls_endpoints.host', 'tls_endpoints.port'])
      .select([
        'tls_endpoints.id as endpoint_id',
        'tls_endpoints.host',
        'tls_endpoints.port',
        'assets.key as asset_key',
        'tls_probes.probed_at',
        'tls_probes.outcome',
        'tls_probes.protocol',
        'tls_probes.cipher',
        'tls_probes.detail',
        'tls_probes.leaf_certificate_id',
        'tls_certificates.subject as leaf_subject',
      ])
      .where('tls_probes.probed_at', '>=', window.start)
      .where('tls_probes.probed_at', '<', window.end)
      .where('tls_probes.probed_at', '<=', window.asOf)
      .orderBy('tls_endpoints.host')
      .orderBy('tls_endpoints.port')
      .orderBy('tls_probes.probed_at', 'desc')
      .orderBy('tls_probes.seq', 'desc')
      .execute();
  },

  // Endpoints

  insertEndpoint(
    db: Db,
    row: { host: string; port: number; assetId: string | null; now: Date; createdBy: string },
  ) {
    return db
      .insertInto('tls_endpoints')
      .values({
        host: row.host,
        port: row.port,
        asset_id: row.assetId,
        created_at: row.now,
        created_by: row.createdBy,
      })
      .onConflict((oc) => oc.columns(['host', 'port']).doNothing())
      .returning('id')
      .executeTakeFirst();
  },

  listEndpoints(
    db: Db,
    filter: { assetId?: string; after?: { host: string; port: number }; limit: number },
  ) {
    let query = db
      .selectFrom('tls_endpoints')
      .leftJoin('assets', 'assets.id', 'tls_endpoints.asset_id')
      .select([
        'tls_endpoints.id',
        'tls_endpoints.host',
        'tls_endpoints.port',
        'tls_endpoints.asset_id',
        'tls_endpoints.current_certificate_id',
        'tls_endpoints.last_probed_at',
        'assets.key as asset_key',
        'assets.environment',
      ])
      .orderBy('tls_endpoints.host')
      .orderBy('tls_endpoints.port')
      .limit(filter.limit);
    if (filter.assetId) query = query.where('tls_endpoints.asset_id', '=', filter.assetId);
    const after = filter.after;
    if (after) {
      query = query.where((eb) =>
        eb(
          eb.refTuple('tls_endpoints.host', 'tls_endpoints.port'),
          '>',
          eb.tuple(after.host, after.port),
        ),
      );
    }
    return query.execute();
  },

  findEndpoint(db: Db, host: string, port: number) {
    return db
      .selectFrom('tls_endpoints')
      .select(['id'])
      .where('host', '=', host)
      .where('port', '=', port)
      .executeTakeFirst();
  },

  async lastProbes(db: Db, endpointIds: string[]) {
    if (endpointIds.length === 0) return new Map<string, LastProbeRow>();
    const rows = await db
      .selectFrom('tls_probes')
      .select(['endpoint_id', 'probed_at', 'outcome', 'protocol', 'cipher', 'detail'])
      .distinctOn('endpoint_id')
      .where('endpoint_id', 'in', endpointIds)
      .orderBy('endpoint_id')
      .orderBy('probed_at', 'desc')
      .orderBy('seq', 'desc')
      .execute();
    return new Map(rows.map((row) => [row.endpoint_id, row]));
  },

  insertProbe(
    db: Db,
    row: {
      endpointId: string;
      now: Date;
      outcome: string;
      protocol: string | null;
      cipher: string | null;
      leafCertificateId: string | null;
      chainCertificateIds: string[];
      detail: string;
    },
  ) {
    return db
      .insertInto('tls_probes')
      .values({
        endpoint_id: row.endpointId,
        probed_at: row.now,
        outcome: row.outcome,
        protocol: row.protocol,
        cipher: row.cipher,
        leaf_certificate_id: row.leafCertificateId,
        chain_certificate_ids: row.chainCertificateIds,
        detail: row.detail,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  },

  async setEndpointProbed(
    db: Db,
    endpointId: string,
    currentCertificateId: string | null,
    now: Date,
  ): Promise<void> {
    await db
      .updateTable('tls_endpoints')
      .set({
        last_probed_at: now,
        ...(currentCertificateId ? { current_certificate_id: currentCertificateId } : {}),
      })
      .where('id', '=', endpointId)
      .execute();
  },

  endpointForUpdate(db: Db, endpointId: string) {
    return db
      .selectFrom('tls_endpoints')
      .select(['id', 'current_certificate_id'])
      .where('id', '=', endpointId)
      .forUpdate()
      .executeTakeFirst();
  },
};

export interface LastProbeRow {
  endpoint_id: string;
  probed_at: Date;
  outcome: string;
  protocol: string | null;
  cipher: string | null;
  detail: string;
}
