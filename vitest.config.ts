import { defineConfig } from 'vitest/config';

// Every test runs on embedded PGlite; when PLUMBLINE_TEST_DATABASE_URL is set (CI does), the same
// tests run again on the real PostgreSQL server, each test file in its own schema.
const onPostgres = Boolean(process.env.PLUMBLINE_TEST_DATABASE_URL);
const include = ['src/**/*.test.ts', 'test/**/*.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './test/support/count-reporter.ts'],
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['./test/support/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'pglite', include, env: { PLUMBLINE_TEST_DB: 'pglite' } } },
      ...(onPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgresql',
                include,
                exclude: ['test/browser/**', 'node_modules/**'],
                env: { PLUMBLINE_TEST_DB: 'postgresql' },
              },
            },
          ]
        : []),
    ],
  },
});
