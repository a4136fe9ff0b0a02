import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The instance's Ed25519 signing key (evidence-pack manifests, audit checkpoints). */
export const signingKeyRepository = {
  currentKey(db: Db) {
    return db
      .selectFrom('pack_signing_keys')
      .selectAll()
      .where('slot', '=', 'current')
      .executeTakeFirst();
  },

  /** Inserts the first key; a key another instance stored first wins (nothing is returned). */
  insertKeyIfNone(
    db: Db,
    key: { publicKeyPem: string; privateKeySealed: string; fingerprint: string; createdAt: Date },
  ) {
    return db
      .insertInto('pack_signing_keys')
      .values({
        algorithm: 'Ed25519',
        public_key_pem: key.publicKeyPem,
        private_key_sealed: key.privateKeySealed,
        fingerprint: key.fingerprint,
        created_at: key.createdAt,
      })
      .onConflict((oc) => oc.column('slot').doNothing())
      .returning('id')
      .executeTakeFirst();
  },
};
