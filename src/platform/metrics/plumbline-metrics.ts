import type { FastifyInstance } from 'fastify';
import type { JobObserver } from '../jobs/scheduler.js';
import type { MetricsRegistry } from './prometheus.js';

/** What this instance measures, rendered by `GET /metrics` (docs/operations.md). */
export interface PlumblineMetrics {
  registry: MetricsRegistry;
  /** Counts the scheduler's job runs and failures. */
  jobs: JobObserver;
  /** Counts every response and its latency by matched route pattern, method and status class. */
  instrument(app: FastifyInstance): void;
}
