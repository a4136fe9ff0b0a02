import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { BACKUP_EVALUATION_JOB } from '../modules/backups/backup-evaluation-job.js';
import type { Clock } from '../platform/clock.js';
import type { PoolStats } from '../platform/db/connect.js';
import type { Database } from '../platform/db/schema.js';
import { lastJobCompletion } from '../platform/jobs/job-claims.js';
import type { PlumblineMetrics } from '../platform/metrics/plumbline-metrics.js';
import { countOutboxBacklog } from '../platform/mail/outbox.js';
import {
  Counter,
  Gauge,
  Histogram,
  MetricsRegistry,
  type Labels,
} from '../platform/metrics/prometheus.js';

/** Request latency buckets, in seconds: from a cached page to a year-long report. */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const JOB_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300];
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export type { PlumblineMetrics } from '../platform/metrics/plumbline-metrics.js';

export interface MetricsDeps {
  db: Kysely<Database>;
  clock: Clock;
  logger: FastifyBaseLogger;
  poolStats: () => PoolStats;
  version: string;
  databaseKind: string;
}

export function createPlumblineMetrics(deps: MetricsDeps): PlumblineMetrics {
  const registry = new MetricsRegistry();
  const collectFailures = new Counter(
    'plumbline_metrics_collect_failures_total',
    'Scrapes where a metric could not be read (its samples are then missing), by metric',
  );
  /** A gauge read from the database: a failing read is counted and logged, never fails the scrape. */
  const gauge = (
    name: string,
    help: string,
    collect: () => Promise<{ labels?: Labels; value: number }[]>,
  ) =>
    registry.register(
      new Gauge(name, help, async () => {
        try {
          return await collect();
        } catch (error) {
          collectFailures.inc({ metric: name });
          deps.logger.warn({ err: error, metric: name }, 'metric not collected');
          return [];
        }
      }),
    );

  gauge('plumbline_build_info', 'Version and database of this instance (always 1)', () =>
    Promise.resolve([{ labels: { version: deps.version, database: deps.databaseKind }, value: 1 }]),
  );
  const requests = registry.register(
    new Counter(
      'plumbline_http_requests_total',
      'HTTP responses by matched route pattern, method and status class',
    ),
  );
  const latency = registry.register(
    new Histogram(
      'plumbline_http_request_duration_seconds',
      'Time to answer HTTP requests by matched route pattern, method and status class',
      HTTP_BUCKETS,
    ),
  );
  const jobRuns = registry.register(
    new Counter(
      'plumbline_job_runs_total',
      'Scheduler job runs by job and outcome (succeeded, failed)',
    ),
  );
  const jobDuration = registry.register(
    new Histogram('plumbline_job_duration_seconds', 'Scheduler job run time by job', JOB_BUCKETS),
  );
  gauge(
    'plumbline_outbox_messages',
    'E-mails in the outbox not sent yet, by status (pending, sending, failed)',
    async () => {
      const backlog = new Map([
        ['pending', 0],
        ['sending', 0],
        ['failed', 0],
      ]);
      for (const row of await countOutboxBacklog(deps.db)) backlog.set(row.status, row.count);
      return [...backlog].map(([status, value]) => ({ labels: { status }, value }));
    },
  );
  gauge(
    'plumbline_backup_evaluation_age_seconds',
    'Seconds since a backup evaluation last completed on any instance (absent before the first)',
    async () => {
      const last = await lastJobCompletion(deps.db, BACKUP_EVALUATION_JOB);
      if (!last) return [];
      return [{ value: Math.max(0, (deps.clock.now().getTime() - last.getTime()) / 1000) }];
    },
  );
  gauge(
    'plumbline_db_pool_connections',
    'Database pool connections by state (in_use, idle) and callers waiting for one (waiting)',
    () => {
      const stats = deps.poolStats();
      return Promise.resolve([
        { labels: { state: 'in_use' }, value: stats.total - stats.idle },
        { labels: { state: 'idle' }, value: stats.idle },
        { labels: { state: 'waiting' }, value: stats.waiting },
      ]);
    },
  );
  gauge(
    'plumbline_db_pool_max_connections',
    'Largest number of database connections the pool opens (1 for embedded PGlite)',
    () => Promise.resolve([{ value: deps.poolStats().max }]),
  );
  registry.register(collectFailures);

  return {
    registry,
    jobs: {
      jobFinished(job, outcome, seconds) {
        jobRuns.inc({ job, outcome });
        jobDuration.observe({ job }, seconds);
      },
    },
    instrument(app) {
      app.addHook('onResponse', (request, reply, done) => {
        const labels = {
          // The pattern the router matched, never the URL: ids in paths would make a series each.
          route: request.routeOptions.url ?? 'unmatched',
          method: KNOWN_METHODS.has(request.method) ? request.method : 'other',
          status: `${Math.floor(reply.statusCode / 100)}xx`,
        };
        requests.inc(labels);
        latency.observe(labels, reply.elapsedTime / 1000);
        done();
      });
    },
  };
}
