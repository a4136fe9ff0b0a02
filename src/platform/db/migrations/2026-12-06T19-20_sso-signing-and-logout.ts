import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Single sign-on, second part (docs/sso.md):
// - `signing_proofs`: what a fresh re-authentication at the provider yields for one e-signature
//   of a single sign-on user. Only the SHA-256 of the proof is kept; it is bound to the user and
//   the session that asked for it, lives five minutes and signs once (`used_at`).
// - `sessions.sso_id_token`: the ID token of a single sign-on session, sealed with the instance
//   key, sent back to the provider as `id_token_hint` when the person signs out.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('signing_proofs')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('session_id_hash', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('authenticated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('signing_proofs_user_idx')
    .on('signing_proofs')
    .column('user_id')
    .execute();
  await db.schema.alterTable('sessions').addColumn('sso_id_token', 'text').execute();
}
