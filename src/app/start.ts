import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { auditCheckpointJob } from '../modules/audit-log/audit-checkpoint-job.js';
import { checkInstanceKey } from '../modules/keys/check-instance-key.js';
import { createPackStorage } from '../platform/evidence/pack-storage.js';
import { serializeRequestForLog } from '../platform/http/log-redaction.js';
import { applyBuiltInCatalog } from '../modules/controls/apply-built-in-catalog.js';
import { prepareFirstRun, type FirstRunOutcome } from '../modules/identity/first-run.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { createSecretBox } from '../platform/crypto/secrets.js';
import { openDatabase, type DatabaseHandle } from '../platform/db/connect.js';
import { createEvidenceStore } from '../platform/evidence/evidence-store.js';
import { nonconformanceJob } from '../modules/nonconformances/raise-nonconformances.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { endedEmploymentsJob } from '../modules/people/apply-ended-employments.js';
import { startScheduler, type PeriodicJob, type Scheduler } from '../platform/jobs/scheduler.js';
import { occurrenceGenerationJob } from '../modules/occurrences/generation-job.js';
import { applyEffectiveDates } from '../modules/documents/apply-effective-dates.js';
import { documentReviewJob } from '../modules/documents/open-document-reviews.js';
import { queueTrainingAlerts } from '../modules/training/queue-training-alerts.js';
import { notificationJobs } from '../modules/notifications/notification-jobs.js';
import { queueOverdueCapaActions } from '../modules/capas/queue-overdue-capa-actions.js';
import { backupEvaluationJob } from '../modules/backups/backup-evaluation-job.js';
import { certificateJob } from '../modules/certificates/certificate-job.js';
import { supplierOversightJob } from '../modules/supplier-reviews/supplier-oversight-job.js';
import { createSmtpMailer } from '../platform/mail/mailer.js';
import { deliverOutbox } from '../platform/mail/outbox.js';
import type { Config } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import { createPlumblineMetrics } from './metrics.js';
import { createPackJobRunner } from '../modules/packs/run-pack-job.js';
import { buildServer, DEFAULT_WEB_ROOT } from './server.js';
import { PLUMBLINE_VERSION } from './version.js';

/** Opens the configured database: PostgreSQL when a URL is set, else PGlite under the lock file. */
export function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'databasePreparedStatements'>,
): Promise<DatabaseHandle> {
  return config.databaseUrl
    ? openDatabase({
        kind: 'postgresql',
        url: config.databaseUrl,
        preparedStatements: config.databasePreparedStatements,
      })
    : openDatabase({ kind: 'pglite', dataDir: config.dataDir });
}

export interface RunningPlumbline {
  app: FastifyInstance;
  ctx: AppContext;
  firstRun: FirstRunOutcome;
  /** The periodic jobs of this instance, or null when PLUMBLINE_SCHEDULER=false. */
  scheduler: Scheduler | null;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  clock?: Clock;
  /** An already opened database (tests); otherwise the configured one is opened. */
  database?: DatabaseHandle;
  webRoot?: string | undefined;
  /** Runs after migrations and before the server is built (e.g. loading demo data). */
  beforeServe?: (ctx: AppContext) => Promise<void>;
}

/** The jobs every instance runs on each scheduler tick; each is safe to run on many instances at once. */
export function periodicJobs(ctx: AppContext): PeriodicJob[] {
  return [
    occurrenceGenerationJob(ctx),
    nonconformanceJob(ctx),
    // Alerts before delivery, so what a tick queues goes out in the same tick.
    ...notificationJobs(ctx),
    { name: 'notify-overdue-capa-actions', run: () => queueOverdueCapaActions(ctx) },
    backupEvaluationJob(ctx),
    certificateJob(ctx),
    endedEmploymentsJob(ctx),
    // Before notifications of the next tick see them: approved versions whose date has come.
    { name: 'document-effective-dates', run: () => applyEffectiveDates(ctx) },
    documentReviewJob(ctx),
    { name: 'training-overdue', run: () => queueTrainingAlerts(ctx) },
    supplierOversightJob(ctx),
    { name: 'deliver-outbox', run: () => deliverOutbox(ctx) },
    // Last, so the hour's checkpoint covers what the jobs above recorded.
    auditCheckpointJob(ctx),
  ];
}

/** Wires everything together: database, migrations, ports, first-run admin, HTTP server. */
export async function startPlumbline(options: StartOptions): Promise<RunningPlumbline> {
  const { config } = options;
  const logger = pino({
    level: config.logLevel,
    base: { service: 'plumbline' },
    serializers: { req: serializeRequestForLog },
  });
  const database = options.database ?? (await openConfiguredDatabase(config));
  try {
    await migrateToLatest(database.db);
    const clock = options.clock ?? systemClock;
    // Refuses a key other than the one the data is encrypted under (never replaced silently).
    const instanceKey = await checkInstanceKey({ db: database.db, clock }, config);
    const ctx: AppContext = {
      db: database.db,
      databaseKind: database.kind,
      clock,
      config,
      logger,
      secretBox: createSecretBox(instanceKey),
      evidenceStore: createEvidenceStore({
        dir: config.evidenceDir,
        instanceKey,
        maxBytes: config.evidenceMaxBytes,
      }),
      packStorage: createPackStorage({ dataDir: config.dataDir, instanceKey }),
      mailer: config.smtpUrl ? createSmtpMailer(config.smtpUrl, config.mailFrom) : null,
      version: PLUMBLINE_VERSION,
      metrics: createPlumblineMetrics({
        db: database.db,
        clock,
        logger,
        poolStats: () => database.poolStats(),
        version: PLUMBLINE_VERSION,
        databaseKind: database.kind,
      }),
    };
    await applyBuiltInCatalog(ctx);
    // Before first-run: demo data creates accounts, and then no setup link is needed.
    if (options.beforeServe) await options.beforeServe(ctx);
    const firstRun = await prepareFirstRun(ctx);
    // Every background worker starts here. The pack queue builds requested packs on every
    // instance; sweeping for interrupted ones belongs to instances that run background jobs.
    const packRunner = createPackJobRunner(ctx, { sweep: config.schedulerEnabled });
    const app = await buildServer(ctx, {
      webRoot: options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot,
      packRunner,
    });
    await app.ready();
    if (!ctx.mailer)
      logger.warn('PLUMBLINE_SMTP_URL is not set: e-mails wait in the outbox until it is');
    const scheduler = config.schedulerEnabled
      ? startScheduler(
          periodicJobs(ctx),
          config.schedulerTickSeconds * 1000,
          logger,
          ctx.metrics.jobs,
        )
      : null;
    return {
      app,
      ctx,
      firstRun,
      scheduler,
      async close() {
        await scheduler?.stop();
        await app.close();
        await packRunner.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
