import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// A person's calendar feed (docs/calendar.md): a calendar app cannot send a bearer header or a
// session cookie, so the feed's URL carries a random secret. Only its SHA-256 is stored; a person
// has at most one feed in use (rotating revokes the old one in the same transaction).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table calendar_feeds (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users (id),
    token_hash text not null unique,
    prefix text not null,
    created_at timestamptz not null,
    revoked_at timestamptz
  )`.execute(db);
  await sql`create unique index calendar_feeds_one_in_use_idx
    on calendar_feeds (user_id) where revoked_at is null`.execute(db);

  // The Ctrl-K search (docs/decisions.md, "Search without pg_trgm") reads every asset for words
  // found inside a key, a name or a tag. Lower-casing and joining them per row at each search cost
  // most of its time on PGlite (WebAssembly), so the text is kept once, lower-case, as a stored
  // generated column. array_to_string is only stable in general (element output functions); for
  // text[] it is immutable, which the wrapper declares so a generated column may use it.
  await sql`create function plumbline_asset_search_text(key text, name text, tags text[])
    returns text language sql immutable parallel safe
    as $$ select lower(key || ' ' || name || ' ' || array_to_string(tags, ' ')) $$`.execute(db);
  await sql`alter table assets add column search_text text
    generated always as (plumbline_asset_search_text(key, name, tags)) stored`.execute(db);
}
