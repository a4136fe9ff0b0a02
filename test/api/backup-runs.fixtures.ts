import { expect } from 'vitest';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import type { TestApp } from '../support/test-app.js';

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
