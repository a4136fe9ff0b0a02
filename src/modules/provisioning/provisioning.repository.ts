import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function withAsset(db: Db) {
  return db
    .selectFrom('provisioning_requests')
    .innerJoin('assets', 'assets.id', 'provisioning_requests.asset_id')
    .selectAll('provisioning_requests')
    .select([
      'assets.key as asset_key',
      'assets.name as asset_name',
      'assets.lifecycle_status as asset_lifecycle_status',
    ]);
}

export type ProvisioningRequestRow = NonNullable<
  Awaited<ReturnType<typeof provisioningRepository.findById>>
>;

/** SQL for provisioning requests and their acceptance criteria, and nothing else. */
export const provisioningRepository = {
  async insert(
    db: Db,
    values: {
      assetId: string;
      purpose: string;
      requirements: string;
      securityConsiderations: string;
      configurationReference: string;
      criteria: readonly string[];
      requestedById: string;
      requestedByLabel: string;
      now: Date;
    },
  ): Promise<{ id: string; number: number }> {
    const row = await db
      .insertInto('provisioning_requests')
      .values({
        asset_id: values.assetId,
        status: 'requested',
        purpose: values.purpose,
        requirements: values.requirements,
        security_considerations: values.securityConsiderations,
        configuration_reference: values.configurationReference,
        requested_at: values.now,
        requested_by_id: values.requestedById,
        requested_by_label: values.requestedByLabel,
        updated_at: values.now,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow();
    await db
      .insertInto('provisioning_criteria')
      .values(
        values.criteria.map((criterion, index) => ({
          request_id: row.id,
          position: index + 1,
          criterion,
        })),
      )
      .execute();
    return row;
  },

  findById(db: Db, id: string) {
    return withAsset(db).where('provisioning_requests.id', '=', id).executeTakeFirst();
  },

  lock(db: Db, id: string) {
    return db
      .selectFrom('provisioning_requests')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  page(
    db: Db,
    query: {
      assetKey?: string | undefined;
      status?: string | undefined;
      after?: { requestedAt: Date; id: string } | undefined;
      limit: number;
    },
  ) {
    let select = withAsset(db);
    if (query.assetKey) select = select.where('assets.key', '=', query.assetKey);
    if (query.status) select = select.where('provisioning_requests.status', '=', query.status);
    if (query.after) {
      const { requestedAt, id } = query.after;
      select = select.where((eb) =>
        eb(
          eb.refTuple('provisioning_requests.requested_at', 'provisioning_requests.id'),
          '<',
          eb.tuple(requestedAt, id),
        ),
      );
    }
    return select
      .orderBy('provisioning_requests.requested_at', 'desc')
      .orderBy('provisioning_requests.id', 'desc')
      .limit(query.limit + 1)
      .execute();
  },

  criteria(db: Db, requestId: string) {
    return db
      .selectFrom('provisioning_criteria')
      .selectAll()
      .where('request_id', '=', requestId)
      .orderBy('position')
      .execute();
  },

  lockCriterion(db: Db, requestId: string, position: number) {
    return db
      .selectFrom('provisioning_criteria')
      .selectAll()
      .where('request_id', '=', requestId)
      .where('position', '=', position)
      .forUpdate()
      .executeTakeFirst();
  },

  async verifyCriterion(
    db: Db,
    requestId: string,
    position: number,
    values: { observation: string; byLabel: string; signatureId: string; at: Date },
  ): Promise<void> {
    await db
      .updateTable('provisioning_criteria')
      .set({
        observation: values.observation,
        verified_by_label: values.byLabel,
        signature_id: values.signatureId,
        verified_at: values.at,
      })
      .where('request_id', '=', requestId)
      .where('position', '=', position)
      .execute();
  },

  async update(
    db: Db,
    id: string,
    values: Partial<{
      status: string;
      approved_at: Date;
      approved_by_label: string;
      approval_signature_id: string;
      started_at: Date;
      implemented_by_id: string;
      implemented_by_label: string;
      verified_at: Date;
    }> & { updated_at: Date },
  ): Promise<void> {
    await db.updateTable('provisioning_requests').set(values).where('id', '=', id).execute();
  },
};
