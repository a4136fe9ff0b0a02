import type { FastifyBaseLogger } from 'fastify';

export interface PeriodicJob {
  name: string;
  run(): Promise<unknown>;
}

/** Told how each job run ended (the metrics count runs and failures by job). */
export interface JobObserver {
  jobFinished(job: string, outcome: 'succeeded' | 'failed', seconds: number): void;
}

export interface Scheduler {
  /** Runs every job once now (tests and the first tick use it). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs jobs every `tickMs`, one tick at a time (a slow tick delays the next instead of piling
 * up). A failing job is logged and retried next tick; it never stops the others.
 */
export function startScheduler(
  jobs: PeriodicJob[],
  tickMs: number,
  logger: FastifyBaseLogger,
  observer?: JobObserver,
): Scheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    for (const job of jobs) {
      if (stopped) return;
      const started = performance.now();
      try {
        await job.run();
        observer?.jobFinished(job.name, 'succeeded', (performance.now() - started) / 1000);
      } catch (error) {
        observer?.jobFinished(job.name, 'failed', (performance.now() - started) / 1000);
        logger.error({ err: error, job: job.name }, 'periodic job failed');
      }
    }
  };
  const timer = setInterval(() => {
    if (running) return;
    running = tick().finally(() => {
      running = null;
    });
  }, tickMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
