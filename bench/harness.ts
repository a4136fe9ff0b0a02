/*
 * What the benchmarks share: reading their options, choosing the databases they run on, and
 * sampling memory while a step runs. Each benchmark keeps its own steps, figures and output.
 */

export type BenchDatabase = 'pglite' | 'postgresql';

/** The value given after `name` on the command line (`--runs 1000`), or undefined. */
export function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  return index === -1 ? undefined : argv[index + 1];
}

/**
 * The databases to run on: PGlite always, PostgreSQL when PLUMBLINE_BENCH_DATABASE_URL (or
 * PLUMBLINE_TEST_DATABASE_URL) names a server, narrowed to `only` (`--only`) when given. Says so
 * when PostgreSQL is skipped.
 */
export function benchDatabases(only: string | undefined): {
  postgresUrl: string | undefined;
  only: BenchDatabase | undefined;
  targets: BenchDatabase[];
} {
  const postgresUrl =
    process.env.PLUMBLINE_BENCH_DATABASE_URL ?? process.env.PLUMBLINE_TEST_DATABASE_URL;
  const available: BenchDatabase[] = postgresUrl ? ['pglite', 'postgresql'] : ['pglite'];
  if (!postgresUrl)
    console.log('PostgreSQL skipped: set PLUMBLINE_BENCH_DATABASE_URL to include it.');
  return {
    postgresUrl,
    only: only as BenchDatabase | undefined,
    targets: available.filter((kind) => only === undefined || kind === only),
  };
}

/** Samples the resident set and the JavaScript heap every 50 ms; `stop` answers their peaks. */
export function sampleMemory(): { stop(): { rss: number; heap: number } } {
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heap = Math.max(peak.heap, usage.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
