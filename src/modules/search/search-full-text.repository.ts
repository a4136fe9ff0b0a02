import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { SearchRow, SearchTerms } from './search.repository.js';

/**
 * SQL of the kinds whose words live in free text (suppliers, processes, framework requirements,
 * nonconformances, incidents): full-text search under the fixed 'simple' configuration, every
 * word typed read as the start of a word (`word:*`), through the expression GIN indexes of
 * migration 2026-12-08T02-00 (docs/decisions.md, "Search: full text for the free-text kinds").
 * Keys and numbers are still compared as typed and rank first: an exact key or number is 0, a
 * key or title starting with the words 1, the words found as word starts 2.
 */

/** The indexed document: the same expression as the migration's index, or the index is unused. */
function documentOf(columns: string[]): RawBuilder<unknown> {
  const text = sql.join(
    columns.map((column) => sql.ref(column)),
    sql` || ' ' || `,
  );
  return sql`to_tsvector('simple'::regconfig, ${text})`;
}

function fullTextMatch(columns: string[], t: SearchTerms): RawBuilder<boolean> {
  return t.fullText === null
    ? sql<boolean>`false`
    : sql<boolean>`${documentOf(columns)} @@ to_tsquery('simple'::regconfig, ${t.fullText})`;
}

/** 0 exact, 1 prefix, 2 otherwise (a word match, which the WHERE clause checks). */
function rankOf(texts: RawBuilder<string>[], t: SearchTerms): RawBuilder<number> {
  const any = (test: (text: RawBuilder<string>) => RawBuilder<boolean>) =>
    sql.join(texts.map(test), sql` or `);
  return sql<number>`case
    when ${any((text) => sql`${text} = ${t.exact}`)} then 0
    when ${any((text) => sql`${text} like ${t.prefix}`)} then 1
    else 2 end`;
}

/** The record number typed as "NC-12", "nc12", "#12" or "12" for the given label, or null. */
export function numberTyped(exact: string, label: string): number | null {
  const digits = new RegExp(`^(?:${label}-?|#)?0*(\\d{1,9})$`).exec(exact)?.[1];
  return digits === undefined ? null : Number(digits);
}

const lower = (column: string) => sql<string>`lower(${sql.ref(column)})`;
/** A stored status in words: `in_progress` → `in progress`. */
const statusWords = (column: string) => sql<string>`replace(${sql.ref(column)}, '_', ' ')`;

export const fullTextSearchRepository = {
  suppliers: async (db: Kysely<Database>, t: SearchTerms, limit: number): Promise<SearchRow[]> => {
    const texts = [lower('key'), lower('name')];
    const result = await sql<SearchRow>`
      select id, key, name as title,
             key || case when services <> '' then ' · ' || services else '' end as detail,
             ${rankOf(texts, t)} as rank
      from suppliers
      where lower(key) like ${t.prefix} or ${fullTextMatch(['key', 'name', 'services'], t)}
      order by rank, lower(name), id
      limit ${limit}`.execute(db);
    return result.rows;
  },
  processes: async (db: Kysely<Database>, t: SearchTerms, limit: number): Promise<SearchRow[]> => {
    const texts = [lower('key'), lower('name')];
    const result = await sql<SearchRow>`
      select id, key, name as title, key as detail, ${rankOf(texts, t)} as rank
      from processes
      where lower(key) like ${t.prefix} or ${fullTextMatch(['key', 'name', 'description'], t)}
      order by rank, lower(name), id
      limit ${limit}`.execute(db);
    return result.rows;
  },
  /** A requirement's page is its framework's: `key` is the framework's key. */
  requirements: async (
    db: Kysely<Database>,
    t: SearchTerms,
    limit: number,
  ): Promise<SearchRow[]> => {
    const texts = [sql<string>`lower(r.reference)`, sql<string>`lower(r.title)`];
    const match = fullTextMatch(['r.reference', 'r.title', 'r.summary'], t);
    const result = await sql<SearchRow>`
      select r.id, f.key, r.title, f.title || ' · ' || r.reference as detail,
             ${rankOf(texts, t)} as rank
      from requirements r
      join frameworks f on f.id = r.framework_id
      where r.retired_at is null and f.retired_at is null
        and (lower(r.reference) like ${t.prefix} or ${match})
      order by rank, f.key, r.position, r.id
      limit ${limit}`.execute(db);
    return result.rows;
  },
  nonconformances: async (
    db: Kysely<Database>,
    t: SearchTerms,
    limit: number,
  ): Promise<SearchRow[]> => {
    const number = numberTyped(t.exact, 'nc');
    const byNumber = number === null ? sql<boolean>`false` : sql<boolean>`number = ${number}`;
    const result = await sql<SearchRow>`
      select id, null as key, title,
             'NC-' || lpad(number::text, 4, '0') || ' · ' || ${statusWords('status')} as detail,
             case when ${byNumber} then 0 else ${rankOf([lower('title')], t)} end as rank
      from nonconformances
      where ${byNumber} or ${fullTextMatch(['title', 'description'], t)}
      order by rank, number desc
      limit ${limit}`.execute(db);
    return result.rows;
  },
  incidents: async (db: Kysely<Database>, t: SearchTerms, limit: number): Promise<SearchRow[]> => {
    const number = numberTyped(t.exact, 'inc');
    const byNumber = number === null ? sql<boolean>`false` : sql<boolean>`number = ${number}`;
    const result = await sql<SearchRow>`
      select id, null as key, title,
             'INC-' || lpad(number::text, 4, '0') || ' · ' || severity || ' · ' || ${statusWords('status')} as detail,
             case when ${byNumber} then 0 else ${rankOf([lower('title')], t)} end as rank
      from incidents
      where ${byNumber} or ${fullTextMatch(['title'], t)}
      order by rank, number desc
      limit ${limit}`.execute(db);
    return result.rows;
  },
};
