import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The signing proofs of single sign-on users (docs/sso.md): stored by hash, spent once. */
export const signingProofRepository = {
  insert: (
    db: Db,
    values: {
      tokenHash: string;
      userId: string;
      sessionIdHash: string;
      issuer: string;
      subject: string;
      authenticatedAt: Date;
      now: Date;
      expiresAt: Date;
    },
  ) =>
    db
      .insertInto('signing_proofs')
      .values({
        token_hash: values.tokenHash,
        user_id: values.userId,
        session_id_hash: values.sessionIdHash,
        issuer: values.issuer,
        subject: values.subject,
        authenticated_at: values.authenticatedAt,
        created_at: values.now,
        expires_at: values.expiresAt,
      })
      .execute(),
  /** The proof with this hash, locked until the signing transaction ends. */
  findForUpdate: (trx: Transaction<Database>, tokenHash: string) =>
    trx
      .selectFrom('signing_proofs')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .forUpdate()
      .executeTakeFirst(),
  markUsed: (trx: Transaction<Database>, tokenHash: string, now: Date) =>
    trx
      .updateTable('signing_proofs')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .execute(),
};
