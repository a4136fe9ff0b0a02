import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Bookkeeping of the migrations themselves: recreated by migrating, never copied. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);
/** Rows fetched per round trip while reading a table. */
const FETCH_ROWS = 1000;

/**
 * SQL of backups and restores: the tables of the current schema (whatever the migrations
 * created, so a new table is backed up without anyone listing it), read as JSON lines inside the
 * caller's snapshot transaction, and loaded back with `json_populate_recordset`. The same
 * statements run on PostgreSQL and PGlite.
 */
export const databaseSnapshotRepository = {
  /** Every table of the current schema, parents before the tables whose foreign keys name them. */
  async tablesInLoadOrder(db: Db): Promise<string[]> {
    const { rows: tables } = await sql<{ name: string }>`
      select c.relname as name from pg_class c
      where c.relnamespace = current_schema()::regnamespace
        and c.relkind in ('r', 'p') and not c.relispartition
      order by c.relname`.execute(db);
    const { rows: references } = await sql<{ child: string; parent: string }>`
      select child.relname as child, parent.relname as parent
      from pg_constraint k
      join pg_class child on child.oid = k.conrelid
      join pg_class parent on parent.oid = k.confrelid
      where k.contype = 'f' and child.relnamespace = current_schema()::regnamespace`.execute(db);
    const names = tables.map((table) => table.name).filter((name) => !MIGRATION_TABLES.has(name));
    return orderByReferences(names, references);
  },

  /** The columns a restore writes: all but generated ones, in table order. */
  async insertableColumns(db: Db, table: string): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      select a.attname as name from pg_attribute a
      where a.attrelid = (quote_ident(current_schema()) || '.' || quote_ident(${table}))::regclass
        and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
      order by a.attnum`.execute(db);
    return rows.map((row) => row.name);
  },

  /** Each row of a table as one line of JSON, fetched through a cursor in pages. */
  async *rowsAsJsonLines(trx: Transaction<Database>, table: string): AsyncIterable<string> {
    await sql`declare plumbline_backup_rows no scroll cursor for
              select row_to_json(t)::text as line from ${sql.table(table)} t`.execute(trx);
    try {
      for (;;) {
        const { rows } = await sql<{ line: string }>`
          fetch forward ${sql.raw(String(FETCH_ROWS))} from plumbline_backup_rows`.execute(trx);
        for (const row of rows) yield row.line;
        if (rows.length < FETCH_ROWS) break;
      }
    } finally {
      await sql`close plumbline_backup_rows`.execute(trx);
    }
  },

  /** Every sequence of the current schema with its state (serial columns, counters). */
  async sequences(db: Db): Promise<{ name: string; lastValue: string; isCalled: boolean }[]> {
    const { rows: names } = await sql<{ name: string }>`
      select c.relname as name from pg_class c
      where c.relnamespace = current_schema()::regnamespace and c.relkind = 'S'
      order by c.relname`.execute(db);
    const sequences = [];
    for (const { name } of names) {
      const { rows } = await sql<{ last_value: string; is_called: boolean }>`
        select last_value::text as last_value, is_called from ${sql.table(name)}`.execute(db);
      const state = rows[0];
      if (state) sequences.push({ name, lastValue: state.last_value, isCalled: state.is_called });
    }
    return sequences;
  },

  /** The tables that have a `storage_key` column: rows that name a file in the evidence store. */
  async tablesWithStorageKeys(db: Db): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.columns
      where table_schema = current_schema() and column_name = 'storage_key'
      order by table_name`.execute(db);
    return rows.map((row) => row.name);
  },

  async storageKeys(db: Db, table: string): Promise<string[]> {
    const { rows } = await sql<{ storage_key: string }>`
      select distinct storage_key from ${sql.table(table)}
      where storage_key is not null order by storage_key`.execute(db);
    return rows.map((row) => row.storage_key);
  },

  async packIds(db: Db): Promise<string[]> {
    const rows = await db.selectFrom('evidence_packs').select('id').execute();
    return rows.map((row) => row.id);
  },

  /** Tables of the list that hold at least one row. */
  async nonEmptyTables(db: Db, tables: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const table of tables) {
      const { rows } = await sql<{ present: boolean }>`
        select exists (select 1 from ${sql.table(table)}) as present`.execute(db);
      if (rows[0]?.present) found.push(table);
    }
    return found;
  },

  async countRows(db: Db, table: string): Promise<number> {
    const { rows } = await sql<{ count: string }>`
      select count(*)::text as count from ${sql.table(table)}`.execute(db);
    return Number(rows[0]?.count ?? 0);
  },

  /**
   * Turns the tables' own triggers off or on for this transaction's work: a restore copies
   * derived tables (occurrence_state, posture_counts) as they were, so the triggers that keep
   * them must not add to them again. Foreign keys stay checked.
   */
  async setUserTriggers(trx: Transaction<Database>, tables: string[], enabled: boolean) {
    for (const table of tables)
      await sql`alter table ${sql.table(table)} ${sql.raw(enabled ? 'enable' : 'disable')} trigger user`.execute(
        trx,
      );
  },

  /** Inserts rows given as JSON lines (as read by `rowsAsJsonLines`), keeping their ids. */
  async insertJsonLines(
    trx: Transaction<Database>,
    table: string,
    columns: string[],
    lines: string[],
  ): Promise<void> {
    if (lines.length === 0) return;
    const columnList = sql.join(columns.map((column) => sql.id(column)));
    await sql`
      insert into ${sql.table(table)} (${columnList}) overriding system value
      select ${columnList} from json_populate_recordset(null::${sql.table(table)}, ${`[${lines.join(',')}]`}::json)`.execute(
      trx,
    );
  },

  async setSequence(
    trx: Transaction<Database>,
    sequence: { name: string; lastValue: string; isCalled: boolean },
  ): Promise<void> {
    await sql`select setval(quote_ident(${sequence.name})::regclass, ${sequence.lastValue}::bigint, ${sequence.isCalled})`.execute(
      trx,
    );
  },
};

/** Topological order: each table after the tables it references (self-references aside). */
function orderByReferences(
  names: string[],
  references: { child: string; parent: string }[],
): string[] {
  const known = new Set(names);
  const parentsOf = new Map(names.map((name) => [name, new Set<string>()]));
  for (const { child, parent } of references)
    if (child !== parent && known.has(child) && known.has(parent))
      parentsOf.get(child)?.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter(
      (name) => !placed.has(name) && [...(parentsOf.get(name) ?? [])].every((p) => placed.has(p)),
    );
    if (ready.length === 0)
      throw new Error('Tables reference each other in a cycle; they cannot be loaded in order');
    for (const name of ready) {
      placed.add(name);
      ordered.push(name);
    }
  }
  return ordered;
}
