import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { SupplierInput } from './supplier.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function selectSuppliers(db: Db) {
  return db
    .selectFrom('suppliers')
    .selectAll('suppliers')
    .select((eb) =>
      eb
        .selectFrom('assets')
        .whereRef('assets.supplier_id', '=', 'suppliers.id')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .as('asset_count'),
    );
}

export type SupplierWithCount = NonNullable<
  Awaited<ReturnType<typeof supplierRepository.findByKey>>
>;

export const supplierRepository = {
  /** By name then key (unique), after the cursor's row. */
  page: (db: Db, query: { after?: readonly [string, string]; limit: number }) => {
    let select = selectSuppliers(db);
    if (query.after) {
      const [name, key] = query.after;
      select = select.where((eb) =>
        eb(eb.refTuple('suppliers.name', 'suppliers.key'), '>', eb.tuple(name, key)),
      );
    }
    return select.orderBy('suppliers.name').orderBy('suppliers.key').limit(query.limit).execute();
  },
  findByKey: (db: Db, key: string) =>
    selectSuppliers(db).where('suppliers.key', '=', key).executeTakeFirst(),
  idsByKeys: async (db: Db, keys: string[]): Promise<Map<string, string>> => {
    if (keys.length === 0) return new Map();
    const rows = await db
      .selectFrom('suppliers')
      .select(['id', 'key'])
      .where('key', 'in', keys)
      .execute();
    return new Map(rows.map((row) => [row.key, row.id]));
  },
  insert: (db: Db, input: SupplierInput, now: Date) =>
    db
      .insertInto('suppliers')
      .values({
        key: input.key,
        name: input.name,
        services: input.services,
        contract_reference: input.contractReference,
        escalation_contact: input.escalationContact,
        certifications: JSON.stringify(input.certifications),
        notes: input.notes,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  update: (db: Db, id: string, input: Omit<SupplierInput, 'key'>, now: Date) =>
    db
      .updateTable('suppliers')
      .set({
        name: input.name,
        services: input.services,
        contract_reference: input.contractReference,
        escalation_contact: input.escalationContact,
        certifications: JSON.stringify(input.certifications),
        notes: input.notes,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute(),
};
