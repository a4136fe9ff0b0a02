import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

/** One matching row as every kind's query answers it; `rank` 0 is the best (SEARCH_MATCHES). */
export interface SearchRow {
  id: string;
  key: string | null;
  title: string;
  detail: string;
  rank: number;
}

/**
 * The words searched for, lower-cased, in the forms the queries compare with: the whole text,
 * and LIKE patterns (with `\`, `%` and `_` escaped) for a prefix, a word start and anywhere.
 */
export interface SearchTerms {
  exact: string;
  prefix: string;
  word: string;
  hyphenWord: string;
  contains: string;
  /**
   * The words as a full-text query, each the start of a word (`orders:* & db:*`), or null when
   * no letter or digit was typed. Only letters and digits reach it, so it is always valid syntax.
   */
  fullText: string | null;
}

/** At most this many words take part in a full-text query (q is at most 100 characters). */
const FULL_TEXT_WORDS = 8;

export function searchTerms(q: string): SearchTerms {
  const lower = q.toLowerCase();
  const escaped = lower.replace(/[\\%_]/g, (c) => `\\${c}`);
  return {
    exact: lower,
    prefix: `${escaped}%`,
    word: `% ${escaped}%`,
    hyphenWord: `%-${escaped}%`,
    contains: `%${escaped}%`,
    fullText: fullTextQuery(lower),
  };
}

/** The record number typed as "WO-12", "wo12", "#12" or "12" for the given label, or null. */
export function numberTyped(exact: string, label: string): number | null {
  const digits = new RegExp(`^(?:${label}-?|#)?0*(\\d{1,9})$`).exec(exact)?.[1];
  return digits === undefined ? null : Number(digits);
}

function fullTextQuery(lower: string): string | null {
  const words = (lower.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, FULL_TEXT_WORDS);
  return words.length === 0 ? null : words.map((word) => `${word}:*`).join(' & ');
}

/**
 * The rank of a row from its searchable texts (already lower-cased SQL expressions): 0 when one of
 * them is the text itself, 1 when one starts with it, 2 when a word or a hyphenated part of one
 * starts with it, 3 otherwise (it is contained somewhere, which the WHERE clause checks).
 */
function rankOf(texts: RawBuilder<string>[], t: SearchTerms): RawBuilder<number> {
  const any = (test: (text: RawBuilder<string>) => RawBuilder<boolean>) =>
    sql.join(texts.map(test), sql` or `);
  return sql<number>`case
    when ${any((text) => sql`${text} = ${t.exact}`)} then 0
    when ${any((text) => sql`${text} like ${t.prefix}`)} then 1
    when ${any((text) => sql`${text} like ${t.word} or ${text} like ${t.hyphenWord}`)} then 2
    else 3 end`;
}

function containsAny(texts: RawBuilder<string>[], t: SearchTerms): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(
    texts.map((text) => sql`${text} like ${t.contains}`),
    sql` or `,
  )})`;
}

/** A column lower-cased, as the searched texts are compared. */
export const lower = (column: string) => sql<string>`lower(${sql.ref(column)})`;

/**
 * SQL of the search, one query per kind, each its `limit` best rows in rank then title order.
 * Matching is LIKE on lower-cased text, read row by row (docs/decisions.md, "Search without
 * pg_trgm"): assets, the one kind counted in ten thousands, through their stored search_text. Retired controls, SCIM-deleted people and disabled users are not found.
 */
export const searchRepository = {
  assets: async (db: Kysely<Database>, t: SearchTerms, limit: number): Promise<SearchRow[]> => {
    // Keys and tags are lower-case by their schema; search_text is key, name and tags lower-cased.
    const texts = [sql<string>`key`, lower('name')];
    const tagExact = sql<boolean>`${t.exact} = any(tags)`;
    const result = await sql<SearchRow>`
      select id, key, name as title,
             key || case when cardinality(tags) > 0 then ' · ' || array_to_string(tags, ', ') else '' end as detail,
             least(${rankOf(texts, t)}, case when ${tagExact} then 0 else 3 end) as rank
      from assets
      where search_text like ${t.contains}
      order by rank, lower(name), id
      limit ${limit}`.execute(db);
    return result.rows;
  },
  controls: async (db: Kysely<Database>, t: SearchTerms, limit: number): Promise<SearchRow[]> => {
    const texts = [lower('key'), lower('title')];
    const result = await sql<SearchRow>`
      select id, key, title, key as detail, ${rankOf(texts, t)} as rank
      from controls
      where retired_at is null and ${containsAny(texts, t)}
      order by rank, lower(title), id
      limit ${limit}`.execute(db);
    return result.rows;
  },
  workOrders: async (db: Kysely<Database>, t: SearchTerms, limit: number): Promise<SearchRow[]> => {
    const label = sql<string>`('wo-' || lpad(number::text, 6, '0'))`;
    const number = numberTyped(t.exact, 'wo');
    const byNumber = number === null ? sql<boolean>`false` : sql<boolean>`number = ${number}`;
    const texts = [lower('title'), label];
    const result = await sql<SearchRow>`
      select id, null as key, title, 'WO-' || lpad(number::text, 6, '0') || ' · ' || status as detail,
             case when ${byNumber} then 0 else ${rankOf(texts, t)} end as rank
      from work_orders
      where ${byNumber} or ${containsAny(texts, t)}
      order by rank, number desc
      limit ${limit}`.execute(db);
    return result.rows;
  },
  documents: async (db: Kysely<Database>, t: SearchTerms, limit: number): Promise<SearchRow[]> => {
    const texts = [lower('key'), lower('title')];
    const result = await sql<SearchRow>`
      select id, key, title, key as detail, ${rankOf(texts, t)} as rank
      from documents
      where ${containsAny(texts, t)}
      order by rank, lower(title), id
      limit ${limit}`.execute(db);
    return result.rows;
  },
  people: async (db: Kysely<Database>, t: SearchTerms, limit: number): Promise<SearchRow[]> => {
    const texts = [lower('name'), lower('email')];
    const result = await sql<SearchRow>`
      select id, null as key, name as title,
             email || case when department <> '' then ' · ' || department else '' end as detail,
             ${rankOf(texts, t)} as rank
      from people
      where scim_deleted_at is null and ${containsAny(texts, t)}
      order by rank, lower(name), id
      limit ${limit}`.execute(db);
    return result.rows;
  },
  users: async (db: Kysely<Database>, t: SearchTerms, limit: number): Promise<SearchRow[]> => {
    const texts = [lower('name'), lower('email')];
    const result = await sql<SearchRow>`
      select id, null as key, name as title, email || ' · ' || role as detail,
             ${rankOf(texts, t)} as rank
      from users
      where disabled_at is null and ${containsAny(texts, t)}
      order by rank, lower(name), id
      limit ${limit}`.execute(db);
    return result.rows;
  },
};
