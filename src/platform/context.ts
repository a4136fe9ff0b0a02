import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock.js';
import type { SecretBox } from './crypto/secrets.js';
import type { DatabaseKind } from './db/connect.js';
import type { Database } from './db/schema.js';
import type { EvidenceStore } from './evidence/evidence-store.js';
import type { Mailer } from './mail/mailer.js';
import type { PackStorage } from './evidence/pack-storage.js';
import type { Config } from './config.js';
import type { PlumblineMetrics } from './metrics/plumbline-metrics.js';

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
