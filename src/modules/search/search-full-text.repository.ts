import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { lower, numberTyped, type SearchRow, type SearchTerms } from './search.repository.js';

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

/** A stored status in words: `in_progress` → `in progress`. */
const statusWords = (column: string) => sql<string>`replace(${sql.ref(column)}, '_', ' ')`;

/**
 * Records addressed by a number shown as `LABEL-0012` (nonconformances, incidents): the number
 * typed ranks first, then the title's start, then the words; newest first within a rank.
 */
async function numberedRecords(
  db: Kysely<Database>,
  t: SearchTerms,
  limit: number,
  kind: {
    table: 'nonconformances' | 'incidents';
    label: string;
    detail: RawBuilder<unknown>;
    words: string[];
  },
): Promise<SearchRow[]> {
  const number = numberTyped(t.exact, kind.label.toLowerCase());
  const byNumber = number === null ? sql<boolean>`false` : sql<boolean>`number = ${number}`;
  const result = await sql<SearchRow>`
    select id, null as key, title,
           ${kind.label + '-'} || lpad(number::text, 4, '0') || ' · ' || ${kind.detail} as detail,
           case when ${byNumber} then 0 else ${rankOf([lower('title')], t)} end as rank
    from ${sql.table(kind.table)}
    where ${byNumber} or ${fullTextMatch(kind.words, t)}
    order by rank, number desc
    limit ${limit}`.execute(db);
  return result.rows;
}

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
  nonconformances: (db: Kysely<Database>, t: SearchTerms, limit: number) =>
    numberedRecords(db, t, limit, {
      table: 'nonconformances',
      label: 'NC',
      detail: sql`${statusWords('status')}`,
      words: ['title', 'description'],
    }),
  incidents: (db: Kysely<Database>, t: SearchTerms, limit: number) =>
    numberedRecords(db, t, limit, {
      table: 'incidents',
      label: 'INC',
      detail: sql`severity || ' · ' || ${statusWords('status')}`,
      words: ['title'],
    }),
};
