import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EffectiveBackupPolicy } from '../../src/modules/backups/backup-policy.schema.js';
import type { BackupStatusView } from '../../src/modules/backups/backup-status.schema.js';
import { evaluateBackups } from '../../src/modules/backups/evaluate-backups.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * An asset with two tag policies: the documented rule (strictest RPO) picks `zeta`, an
 * alphabetical tie-break would pick `alpha`. The policy route, the status and the evaluation must
 * all apply `zeta`.
 */
describe('one precedence rule for backup policies', () => {
  let t: TestApp;
  let admin: string;
  const clock = new FixedClock('2026-06-08T00:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    const asset = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'db-two-tags',
      name: 'Two tags',
      category: 'database',
      tags: ['alpha', 'zeta'],
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'confidential',
    });
    expect(asset.statusCode, asset.body).toBe(201);
    for (const [tag, every, rpo] of [
      ['alpha', 'P1D', 'PT24H'],
      ['zeta', 'PT6H', 'PT6H'],
    ] as const) {
      const policy = await t.call(admin, 'POST', '/api/v1/backup-policies', {
        name: `Tag ${tag}`,
        scope: { kind: 'tag', tag },
        incrementalEvery: every,
        grace: 'PT1H',
        rpo,
      });
      expect(policy.statusCode, policy.body).toBe(201);
    }
    const run = await t.call(admin, 'POST', '/api/v1/backup-runs', {
      asset: 'db-two-tags',
      tool: 'restic',
      externalId: 'snap-1',
      startedAt: '2026-06-08T00:10:00Z',
      finishedAt: '2026-06-08T00:20:00Z',
      status: 'succeeded',
      backupType: 'full',
      encrypted: true,
      region: 'eu-central-1',
    });
    expect(run.statusCode, run.body).toBe(201);
  });
  afterAll(() => t.close());

  it('applies the strictest tag policy in the policy route, the status and the evaluation', async () => {
    const effective = (
      await t.call(admin, 'GET', '/api/v1/assets/db-two-tags/backup-policy')
    ).json<EffectiveBackupPolicy>();
    expect(effective).toMatchObject({ source: 'tag', matched: 'zeta', policyName: 'Tag zeta' });

    // 8 hours after the recovery point: past zeta's 6 h + 1 h grace, well within alpha's day.
    clock.set('2026-06-08T08:30:00Z');
    const status = (await t.call(admin, 'GET', '/api/v1/backups/status')).json<BackupStatusView>();
    const item = status.items.find((entry) => entry.assetKey === 'db-two-tags');
    expect(item?.policy).toMatchObject({
      source: 'tag zeta policy "Tag zeta"',
      incrementalEvery: 'PT6H',
      rpo: 'PT6H',
    });
    expect(item?.status).toBe('missed');
    expect(item?.windows.find((window) => window.kind === 'incremental')).toMatchObject({
      state: 'missed',
      dueBy: '2026-06-08T07:10:00.000Z',
    });

    const result = await evaluateBackups(t.ctx);
    expect(result.incidentsOpened).toBe(1);
    const incidents = (
      await t.call(admin, 'GET', '/api/v1/backups/incidents?status=open&asset=db-two-tags')
    ).json<{ items: { kind: string; beganAt: string }[] }>();
    expect(incidents.items).toMatchObject([
      { kind: 'incremental_missed', beganAt: '2026-06-08T07:10:00.000Z' },
    ]);
  });
});
