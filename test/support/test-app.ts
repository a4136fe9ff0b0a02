import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { startPlumbline } from '../../src/app/start.js';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { createUser } from '../../src/modules/identity/user.service.js';
import type { UserView } from '../../src/modules/identity/user.schema.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import type { UserRole } from '../../src/platform/auth/roles.js';
import type { Clock } from '../../src/platform/clock.js';
import { createTestDatabase } from './test-database.js';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  config: Config;
  close(): Promise<void>;
  /** A new user of the role (password `correct horse battery`). */
  createUser(role: UserRole, email?: string): Promise<UserView & { password: string }>;
  /** A bearer token acting with the role. */
  tokenFor(role: UserRole): Promise<string>;
  /** Calls the API with a bearer token. */
  call(
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
}

export const TEST_PASSWORD = 'correct horse battery';

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-test-'));
  return loadConfig({
    PLUMBLINE_DATA_DIR: dataDir,
    PLUMBLINE_LOG_LEVEL: 'silent',
    PLUMBLINE_SECRET_KEY: randomBytes(32).toString('base64'),
    PLUMBLINE_TIMEZONE: 'Europe/Berlin',
    // Tests drive periodic jobs themselves, with a fixed clock.
    PLUMBLINE_SCHEDULER: 'false',
    ...overrides,
  });
}

/** The whole server on a fresh test database, with helpers to act as any role. */
export async function createTestApp(
  options: { clock?: Clock; env?: Record<string, string>; webRoot?: string } = {},
): Promise<TestApp> {
  const config = testConfig(options.env);
  const database = await createTestDatabase();
  const running = await startPlumbline({
    config,
    database,
    webRoot: options.webRoot ?? '',
    ...(options.clock ? { clock: options.clock } : {}),
  });
  let counter = 0;
  const testApp: TestApp = {
    app: running.app,
    ctx: running.ctx,
    config,
    async close() {
      await running.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
    async createUser(role, email) {
      counter += 1;
      const user = await createUser(running.ctx, systemActor, {
        email: email ?? `${role}${counter}@example.test`,
        name: `${role} ${counter}`,
        role,
        password: TEST_PASSWORD,
      });
      return { ...user, password: TEST_PASSWORD };
    },
    async tokenFor(role) {
      counter += 1;
      const { token } = await createApiToken(running.ctx, systemActor, {
        name: `${role}-${counter}`,
        role,
      });
      return token;
    },
    call(token, method, url, payload) {
      return running.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    },
  };
  return testApp;
}
