import { sql, type Kysely, type Transaction } from 'kysely';
import type { AssetRow, Database } from '../../platform/db/schema.js';
import type { AssetInput, AssetView, ListAssetsQuery } from './asset.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export type AssetWithSupplier = AssetRow & {
  supplier_key: string | null;
  supplier_name: string | null;
};

export function toAssetView(row: AssetWithSupplier): AssetView {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    category: row.category as AssetView['category'],
    purpose: row.purpose,
    supplierKey: row.supplier_key,
    supplierName: row.supplier_name,
    thirdPartyManaged: row.third_party_managed,
    environment: row.environment as AssetView['environment'],
    configurationReference: row.configuration_reference,
    ownerRole: row.owner_role as AssetView['ownerRole'],
    ownerPerson: row.owner_person,
    criticality: row.criticality as AssetView['criticality'],
    criticalityRationale: row.criticality_rationale,
    dataClassification: row.data_classification as AssetView['dataClassification'],
    region: row.region,
    lifecycleStatus: row.lifecycle_status as AssetView['lifecycleStatus'],
    tags: row.tags,
    acceptanceCriteria: row.acceptance_criteria,
    lastReviewedOn: row.last_reviewed_on,
    nextReviewDueOn: row.next_review_due_on,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Column values for an asset's editable fields (everything except identity and bookkeeping). */
export function assetColumns(
  input: Omit<AssetInput, 'key' | 'supplierKey'>,
  supplierId: string | null,
) {
  return {
    name: input.name,
    category: input.category,
    purpose: input.purpose,
    supplier_id: supplierId,
    third_party_managed: input.thirdPartyManaged,
    environment: input.environment,
    configuration_reference: input.configurationReference,
    owner_role: input.ownerRole,
    owner_person: input.ownerPerson,
    criticality: input.criticality,
    criticality_rationale: input.criticalityRationale,
    data_classification: input.dataClassification,
    region: input.region,
    lifecycle_status: input.lifecycleStatus,
    tags: input.tags,
    acceptance_criteria: input.acceptanceCriteria,
    last_reviewed_on: input.lastReviewedOn,
    next_review_due_on: input.nextReviewDueOn,
  };
}

function selectAssets(db: Db) {
  return db
    .selectFrom('assets')
    .leftJoin('suppliers', 'suppliers.id', 'assets.supplier_id')
    .selectAll('assets')
    .select(['suppliers.key as supplier_key', 'suppliers.name as supplier_name']);
}

/** Assets with their supplier, narrowed by the list filters (no ordering or paging). */
function filteredAssets(db: Db, query: Omit<ListAssetsQuery, 'limit' | 'offset' | 'cursor'>) {
  let select = selectAssets(db);
  if (query.q) {
    const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) =>
      eb.or([
        eb('assets.key', 'ilike', pattern),
        eb('assets.name', 'ilike', pattern),
        eb('assets.purpose', 'ilike', pattern),
      ]),
    );
  }
  if (query.category) select = select.where('assets.category', '=', query.category);
  if (query.environment) select = select.where('assets.environment', '=', query.environment);
  if (query.criticality) select = select.where('assets.criticality', '=', query.criticality);
  if (query.lifecycleStatus)
    select = select.where('assets.lifecycle_status', '=', query.lifecycleStatus);
  if (query.ownerRole) select = select.where('assets.owner_role', '=', query.ownerRole);
  if (query.supplier) select = select.where('suppliers.key', '=', query.supplier);
  if (query.tag) select = select.where(sql<boolean>`${query.tag} = any(assets.tags)`);
  return select;
}

type AssetPageQuery = Omit<ListAssetsQuery, 'cursor'> & { after?: string | undefined };

/** The filtered assets in key order, after the key `after` (keyset) when given, then `offset`. */
function assetPage(db: Db, query: AssetPageQuery) {
  const filtered = filteredAssets(db, query);
  return (query.after === undefined ? filtered : filtered.where('assets.key', '>', query.after))
    .orderBy('assets.key')
    .limit(query.limit)
    .offset(query.offset);
}

export const assetRepository = {
  /** Every asset's key, name, stage, configuration reference and tags (a sync matches on them). */
  identities: (db: Db) =>
    db
      .selectFrom('assets')
      .select(['key', 'name', 'lifecycle_status', 'configuration_reference', 'tags'])
      .orderBy('key')
      .execute(),
  findByKey: (db: Db, key: string) =>
    selectAssets(db).where('assets.key', '=', key).executeTakeFirst(),
  findByKeys: (db: Db, keys: string[]) =>
    keys.length === 0
      ? Promise.resolve([])
      : selectAssets(db).where('assets.key', 'in', keys).execute(),
  /** A page in key order: after the key `after` (keyset) when given, then skipping `offset`. */
  list: (db: Db, query: AssetPageQuery) => assetPage(db, query).execute(),
  /**
   * A page of the list with the number of assets matching the filters (ignoring paging) on each
   * row: one statement instead of the page and its count. An empty page carries no count.
   */
  pageWithTotal: (db: Db, query: AssetPageQuery) =>
    assetPage(db, query)
      .select((eb) =>
        eb
          .selectFrom(filteredAssets(db, query).as('matching'))
          .select(eb.fn.countAll<string>().as('n'))
          .as('total'),
      )
      .execute(),
  /** How many assets match the filters, ignoring paging. */
  countMatching: async (db: Db, query: ListAssetsQuery) => {
    const row = await db
      .selectFrom(filteredAssets(db, query).as('matching'))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  count: async (db: Db) => {
    const row = await db
      .selectFrom('assets')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  insert: (
    db: Db,
    values: Parameters<typeof assetColumns>[0] & { key: string },
    supplierId: string | null,
    now: Date,
  ) =>
    db
      .insertInto('assets')
      .values({
        key: values.key,
        ...assetColumns(values, supplierId),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  /** Updates existing assets by key in one statement (bulk import). */
  updateManyByKey: (
    db: Db,
    rows: (ReturnType<typeof assetColumns> & { key: string })[],
    now: Date,
  ) =>
    db
      .insertInto('assets')
      .values(rows.map((row) => ({ ...row, created_at: now, updated_at: now })))
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          category: eb.ref('excluded.category'),
          purpose: eb.ref('excluded.purpose'),
          supplier_id: eb.ref('excluded.supplier_id'),
          third_party_managed: eb.ref('excluded.third_party_managed'),
          environment: eb.ref('excluded.environment'),
          configuration_reference: eb.ref('excluded.configuration_reference'),
          owner_role: eb.ref('excluded.owner_role'),
          owner_person: eb.ref('excluded.owner_person'),
          criticality: eb.ref('excluded.criticality'),
          criticality_rationale: eb.ref('excluded.criticality_rationale'),
          data_classification: eb.ref('excluded.data_classification'),
          region: eb.ref('excluded.region'),
          lifecycle_status: eb.ref('excluded.lifecycle_status'),
          tags: eb.ref('excluded.tags'),
          acceptance_criteria: eb.ref('excluded.acceptance_criteria'),
          last_reviewed_on: eb.ref('excluded.last_reviewed_on'),
          next_review_due_on: eb.ref('excluded.next_review_due_on'),
          updated_at: now,
          version: sql`assets.version + 1`,
        })),
      )
      .execute(),
  update: (db: Db, id: string, values: ReturnType<typeof assetColumns>, now: Date) =>
    db
      .updateTable('assets')
      .set({ ...values, updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .execute(),
};
