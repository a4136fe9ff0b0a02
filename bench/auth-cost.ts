import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startPlumbline } from '../src/app/start.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { loadConfig } from '../src/platform/config.js';
import type { PrincipalResolver } from '../src/platform/http/principal.js';
import { createApiToken } from '../src/modules/identity/api-token.service.js';
import { logIn } from '../src/modules/identity/log-in.js';
import { createPrincipalCache } from '../src/modules/identity/principal-cache.js';
import { createPrincipalResolver } from '../src/modules/identity/resolve-principal.js';
import { createUser } from '../src/modules/identity/user.service.js';
import { openBenchTarget } from './bench-database.js';

/*
 * `npx tsx bench/auth-cost.ts [--calls N]`: what resolving the caller of one request costs, for a
 * bearer token and a session cookie, read from the database each time (the resolver without a
 * cache) and as the server resolves it (with its cache), on PGlite and, when
 * PLUMBLINE_BENCH_DATABASE_URL or PLUMBLINE_TEST_DATABASE_URL is set, PostgreSQL. Mean
 * milliseconds per call over N calls (default 2,000) one after another; never asserted by tests.
 */

const callsIndex = process.argv.indexOf('--calls');
const calls = Number(callsIndex === -1 ? '2000' : process.argv[callsIndex + 1]);
if (!Number.isInteger(calls) || calls < 1) throw new Error('--calls must be a positive integer');
const postgresUrl =
  process.env.PLUMBLINE_BENCH_DATABASE_URL ?? process.env.PLUMBLINE_TEST_DATABASE_URL;

async function meanMs(call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 100; i += 1) await call();
  const started = performance.now();
  for (let i = 0; i < calls; i += 1) await call();
  return (performance.now() - started) / calls;
}

async function measure(kind: 'pglite' | 'postgresql'): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-auth-'));
  const target = await openBenchTarget(kind, path.join(dataDir, 'db'), postgresUrl);
  const config = loadConfig({
    PLUMBLINE_DATA_DIR: dataDir,
    PLUMBLINE_LOG_LEVEL: 'silent',
    PLUMBLINE_SECRET_KEY: randomBytes(32).toString('base64'),
    PLUMBLINE_TIMEZONE: 'Europe/Berlin',
    PLUMBLINE_SCHEDULER: 'false',
  });
  const running = await startPlumbline({ config, database: target.database, webRoot: '' });
  try {
    const { ctx } = running;
    const { token } = await createApiToken(ctx, systemActor, { name: 'bench', role: 'viewer' });
    await createUser(ctx, systemActor, {
      email: 'viewer@example.test',
      name: 'Viewer',
      role: 'viewer',
      password: 'correct horse battery',
    });
    const { sessionToken } = await logIn(ctx, {
      email: 'viewer@example.test',
      password: 'correct horse battery',
      ip: null,
      userAgent: null,
    });
    const resolvers: [string, PrincipalResolver][] = [
      ['database each time', createPrincipalResolver(ctx)],
      ['server (cached)', createPrincipalResolver(ctx, { cache: createPrincipalCache(ctx) })],
    ];
    for (const [name, resolver] of resolvers) {
      const tokenMs = await meanMs(() => resolver.fromBearerToken(token));
      const sessionMs = await meanMs(() => resolver.fromSessionCookie(sessionToken));
      console.log(
        `${kind} ${name}: token ${tokenMs.toFixed(3)} ms, session ${sessionMs.toFixed(3)} ms per call`,
      );
    }
  } finally {
    await running.close();
    await target.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `${calls} calls each, load average ${os
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')}`,
);
await measure('pglite');
if (postgresUrl) await measure('postgresql');
else console.log('PostgreSQL skipped: set PLUMBLINE_BENCH_DATABASE_URL to include it.');
