import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// The Ctrl-K search reaches suppliers, processes, framework requirements, nonconformances and
// incidents, whose words live in free text (descriptions, summaries, titles). They are matched
// with full-text search under the fixed 'simple' configuration (lower-case words, no stemming, no
// stop words; built into PostgreSQL and PGlite alike), through one expression GIN index per table.
// The search's queries repeat these expressions word for word, or the planner cannot use them.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index suppliers_search_idx on suppliers
    using gin (to_tsvector('simple'::regconfig, key || ' ' || name || ' ' || services))`.execute(
    db,
  );
  await sql`create index processes_search_idx on processes
    using gin (to_tsvector('simple'::regconfig, key || ' ' || name || ' ' || description))`.execute(
    db,
  );
  await sql`create index requirements_search_idx on requirements
    using gin (to_tsvector('simple'::regconfig, reference || ' ' || title || ' ' || summary))`.execute(
    db,
  );
  await sql`create index nonconformances_search_idx on nonconformances
    using gin (to_tsvector('simple'::regconfig, title || ' ' || description))`.execute(db);
  await sql`create index incidents_search_idx on incidents
    using gin (to_tsvector('simple'::regconfig, title))`.execute(db);
}
