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
}
