/**
 * The shared test factory: records built through the API and the use cases a user or a tool
 * would go through (never raw inserts), with the parents a record needs created when missing.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { UserRole } from '../../src/platform/auth/roles.js';
import { SESSION_COOKIE } from '../../src/platform/http/principal.js';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { TEST_PASSWORD, type TestApp } from './test-app.js';

/** A signed-in person (cookie session with CSRF), who can sign. */
export interface Person {
  userId: string;
  /** How the audit trail and records name them. */
  email: string;
  /** How a signature names them. */
  signerLabel: string;
  upload(url: string, payload: Buffer, contentType: string): Promise<LightMyRequestResponse>;
  call(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
}

export async function signedInPerson(t: TestApp, role: UserRole, email?: string): Promise<Person> {
  const user = await t.createUser(role, email);
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: user.email, password: TEST_PASSWORD },
  });
  expect(login.statusCode).toBe(200);
  const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const { csrfToken } = login.json<{ csrfToken: string }>();
  return {
    userId: user.id,
    email: user.email,
    signerLabel: `${user.name} <${user.email}>`,
    upload: (url, payload, contentType) =>
      t.app.inject({
        method: 'POST',
        url,
        payload,
        cookies: { [SESSION_COOKIE]: cookie },
        headers: { 'x-csrf-token': csrfToken, 'content-type': contentType },
      }),
    call: (method, url, payload) =>
      t.app.inject({
        method,
        url,
        cookies: { [SESSION_COOKIE]: cookie },
        headers: { 'x-csrf-token': csrfToken },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      }),
  };
}

/** A production asset of the given category and criticality, created through the API. */
export async function createProductionAsset(
  t: TestApp,
  token: string,
  key: string,
  options: { category?: string; criticality?: string; tags?: string[] } = {},
): Promise<void> {
  const response = await t.call(token, 'POST', '/api/v1/assets', {
    key,
    name: `Asset ${key}`,
    category: options.category ?? 'database',
    environment: 'production',
    ownerRole: 'engineering',
    criticality: options.criticality ?? 'critical',
    criticalityRationale: 'Customer orders are lost without it.',
    dataClassification: 'confidential',
    tags: options.tags ?? [],
  });
  expect(response.statusCode).toBe(201);
}

/**
 * An open occurrence of its own: a new engineering server and a critical patch released for it at
 * `at` (the 72-hour patch control opens one occurrence for it). Returns the occurrence's id.
 */
export async function openPatchOccurrence(
  t: TestApp,
  token: string,
  key: string,
  at: string,
): Promise<string> {
  await createProductionAsset(t, token, key, { category: 'server', criticality: 'medium' });
  const event = await t.call(token, 'POST', '/api/v1/events', {
    type: 'critical-patch-released',
    asset: key,
    at,
  });
  expect(event.statusCode).toBe(201);
  const [id] = event.json<{ occurrenceIds: string[] }>().occurrenceIds;
  return id!;
}

/** Uploads one file in the multipart field "file" as a signed-in person. */
export async function uploadAs(
  t: TestApp,
  person: Person,
  url: string,
  filename: string,
  content: Buffer,
): Promise<LightMyRequestResponse> {
  const boundary = `----recovery${Date.now().toString(16)}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
    'Content-Type: text/plain\r\n\r\n';
  return person.upload(
    url,
    Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    `multipart/form-data; boundary=${boundary}`,
  );
}

/** A token with the token-only role a backup job uses (test-app's tokenFor takes people's roles). */
export async function backupWriterToken(t: TestApp, name = 'nightly-backup-job'): Promise<string> {
  const { token } = await createApiToken(t.ctx, systemActor, { name, role: 'backup-writer' });
  return token;
}

/** A production asset to back up; `configurationReference` is what imports map tool sources by. */
export async function createBackedUpAsset(
  t: TestApp,
  token: string,
  asset: { key: string; category: string; configurationReference?: string; tags?: string[] },
): Promise<void> {
  const response = await t.call(token, 'POST', '/api/v1/assets', {
    name: asset.key,
    environment: 'production',
    ownerRole: 'engineering',
    criticality: 'medium',
    dataClassification: 'confidential',
    ...asset,
  });
  expect(response.statusCode, response.body).toBe(201);
}

/** How many runs are stored, to prove a refused request stored none. */
export async function countStoredRuns(t: TestApp): Promise<number> {
  const { n } = await t.ctx.db
    .selectFrom('backup_runs')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Whether the register holds an asset with this key. */
async function assetExists(t: TestApp, token: string, key: string): Promise<boolean> {
  const response = await t.call(token, 'GET', `/api/v1/assets/${key}`);
  if (response.statusCode === 404) return false;
  expect(response.statusCode, response.body).toBe(200);
  return true;
}

/**
 * One successful restic run of `asset` (a critical production database, created when missing),
 * recorded through the backup-runs API as a backup job reports it; answers the stored run's id.
 */
export async function recordBackupRun(
  t: TestApp,
  token: string,
  run: { asset: string; externalId: string; recoveryPointAt: string } & Record<string, unknown>,
): Promise<string> {
  if (!(await assetExists(t, token, run.asset))) await createProductionAsset(t, token, run.asset);
  const response = await t.call(token, 'POST', '/api/v1/backup-runs', {
    tool: 'restic',
    job: 'nightly',
    startedAt: run.recoveryPointAt,
    finishedAt: run.recoveryPointAt,
    status: 'succeeded',
    backupType: 'incremental',
    encrypted: true,
    ...run,
  });
  expect(response.statusCode, response.body).toBe(201);
  const listed = await t.call(token, 'GET', `/api/v1/backup-runs?asset=${run.asset}&limit=200`);
  const stored = listed
    .json<{ items: { id: string; externalId: string }[] }>()
    .items.find((item) => item.externalId === run.externalId);
  expect(stored, `run ${run.externalId} of ${run.asset}`).toBeDefined();
  return stored!.id;
}

/** Every occurrence's id and opening instant, in (deadline, asset) order. */
export async function occurrencesByDeadline(t: TestApp): Promise<{ id: string; opens_at: Date }[]> {
  return t.ctx.db
    .selectFrom('occurrences')
    .select(['id', 'opens_at'])
    .orderBy('due_at')
    .orderBy('asset_key')
    .execute();
}
