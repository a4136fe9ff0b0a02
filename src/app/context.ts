import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../platform/clock.js';
import type { SecretBox } from '../platform/crypto/secrets.js';
import type { DatabaseKind } from '../platform/db/connect.js';
import type { Database } from '../platform/db/schema.js';
import type { EvidenceStore } from '../platform/evidence/evidence-store.js';
import type { Mailer } from '../platform/mail/mailer.js';
import type { PackStorage } from '../modules/packs/pack-storage.js';
import type { Config } from './config.js';
import type { PlumblineMetrics } from './metrics.js';

/**
 * The ports every use case may be given. Use cases declare what they need with `Pick<AppContext, …>`
 * so a test can hand them exactly that and nothing more.
 */
export interface AppContext {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  clock: Clock;
  config: Config;
  logger: FastifyBaseLogger;
  secretBox: SecretBox;
  /** Evidence files, encrypted and content-addressed (PLUMBLINE_EVIDENCE_DIR). */
  evidenceStore: EvidenceStore;
  /** Finished evidence packs, encrypted like evidence (`<data dir>/packs`). */
  packStorage: PackStorage;
  /** Outgoing e-mail; null when no SMTP server is configured (mail then waits in the outbox). */
  mailer: Mailer | null;
  version: string;
  /** What `GET /metrics` reports (HTTP, jobs, outbox, backup evaluation, database pool). */
  metrics: PlumblineMetrics;
}
