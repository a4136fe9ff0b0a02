import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Every test runs on embedded PGlite; when PLUMBLINE_TEST_DATABASE_URL is set (CI does), every test
// file that opens a database runs again on the real PostgreSQL server, each file in its own schema.
// Files that never open one (parsers, pure plans, the spawned embedded server, browser tests) would
// only repeat themselves there, so they run once.
const onPostgres = Boolean(process.env.PLUMBLINE_TEST_DATABASE_URL);
const include = ['src/**/*.test.ts', 'test/**/*.test.ts'];

/** What marks a test file as opening a database: the test app, the test database, or the kind. */
const OPENS_A_DATABASE =
  /support\/test-(app|database)\.js|createTestDatabase|openDatabase|PLUMBLINE_TEST_DB|testDatabaseKind/;

function testFilesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return testFilesUnder(file);
    return entry.name.endsWith('.test.ts') ? [file] : [];
  });
}

const databaseTestFiles = onPostgres
  ? [...testFilesUnder('src'), ...testFilesUnder('test')]
      .filter((file) => !file.startsWith(path.join('test', 'browser') + path.sep))
      .filter((file) => OPENS_A_DATABASE.test(fs.readFileSync(file, 'utf8')))
      .map((file) => file.split(path.sep).join('/'))
  : [];

export default defineConfig({
  test: {
    reporters: ['default', './test/support/count-reporter.ts'],
    maxWorkers: 2,
    // Test files share their worker's module cache instead of importing the whole server afresh
    // each (about 2 s per file, a third of the run). They can: no test mocks a module, stubs a
    // global or changes process.env, and each file opens and closes its own app and database.
    isolate: false,
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
                include: databaseTestFiles,
                env: { PLUMBLINE_TEST_DB: 'postgresql' },
              },
            },
          ]
        : []),
    ],
  },
});
