import type { Kysely } from 'kysely';

// Frozen in time: never import application code here, never edit after release.
//
// Single sign-on (docs/sso.md): the link between a Plumbline user and the identity an OpenID
// Connect provider vouches for, (issuer, subject). One link per user; a user with a link signs
// in through the provider only.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sso_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) =>
      c.notNull().unique().references('users.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_login_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('sso_identities_pkey', ['issuer', 'subject'])
    .execute();
}
