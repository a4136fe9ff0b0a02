import type { FastifyBaseLogger } from 'fastify';

export interface PeriodicJob {
  name: string;
  run(): Promise<unknown>;
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
): Scheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = async () => {
    for (const job of jobs) {
      if (stopped) return;
      try {
        await job.run();
      } catch (error) {
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
