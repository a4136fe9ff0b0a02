import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { systemActor } from '../../platform/audit/actor.js';
import { createBackupPolicyBodySchema } from '../backups/backup-policy.schema.js';
import { createBackupPolicy } from '../backups/create-backup-policy.js';
import { evaluateBackups } from '../backups/evaluate-backups.js';
import { listBackupRuns } from '../backups/list-backup-runs.js';
import {
  plumblineBackupRunSchema,
  type PlumblineBackupRun,
} from '../backups/parsers/plumbline-run.schema.js';
import { recordBackupRuns } from '../backups/record-backup-runs.js';
import { listAllUsers } from '../identity/user.service.js';
import { generateOccurrences } from '../occurrences/generate-occurrences.js';
import { dateInZone } from '../../platform/time/zoned-time.js';
import { recordDrExerciseBodySchema } from '../recovery/dr-exercise.schema.js';
import { recordDrExercise } from '../recovery/record-dr-exercise.js';
import { recordRestoreTest } from '../recovery/record-restore-test.js';
import { recordRestoreTestBodySchema } from '../recovery/restore-test.schema.js';
import { verifyRestoreTest } from '../recovery/verify-restore-test.js';
import { DEMO_PASSWORD } from './demo-data.js';
import { BACKUP_HISTORY_CONTROLS, demoHistory } from './demo-history.js';
import { withDemoSession } from './demo-session.js';

type Ctx = Pick<AppContext, 'db' | 'clock' | 'config' | 'logger' | 'evidenceStore' | 'secretBox'>;

export interface DemoBackupsOutcome {
  runs: number;
  /** The first night of runs (organisation time zone). */
  since: string;
  restoreTests: number;
  drExercises: number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const OFFSITE_REGION = 'eu-west-1';

/**
 * The production data assets in service that the demo backs up, and their story: most back up
 * every night; the replica's job stopped three days ago (a missed window, still open), and the
 * last night's run of
 * `storage-reports-prod` failed and was re-run successfully this morning (an incident that
 * recovered). Assets tagged `backup:replicated` fall under the demo's tag policy.
 */
const BACKED_UP = [
  { asset: 'db-prod-eu', tool: 'pgbackrest', job: 'main' },
  { asset: 'db-prod-eu-replica', tool: 'pgbackrest', job: 'replica', stoppedDaysAgo: 3 },
  { asset: 'storage-ecg-prod', tool: 'restic', job: 'ecg-nightly' },
  { asset: 'storage-reports-prod', tool: 'restic', job: 'reports-nightly', lastFailed: true },
  { asset: 'backup-vault-offsite', tool: 'aws-backup', job: 'vault-copy' },
  { asset: 'artifact-registry', tool: 'restic', job: 'registry-nightly' },
] as const;

function demoRun(
  backup: (typeof BACKED_UP)[number],
  startedAt: Date,
  overrides: Partial<PlumblineBackupRun> = {},
): PlumblineBackupRun {
  const day = Math.floor(startedAt.getTime() / DAY_MS);
  return plumblineBackupRunSchema.parse({
    asset: backup.asset,
    tool: backup.tool,
    job: backup.job,
    externalId: `demo-${backup.asset}-${startedAt.toISOString()}`,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date(startedAt.getTime() + 25 * 60_000).toISOString(),
    status: 'succeeded',
    // A full backup once a week, the other nights incremental.
    backupType: day % 7 === 0 ? 'full' : 'incremental',
    sizeBytes: 40_000_000_000 + day * 1_000_000,
    encrypted: true,
    region: OFFSITE_REGION,
    ...overrides,
  });
}

/**
 * A run every night from the first night of the backup history (`since`) up to two hours ago,
 * each asset's story told in its last nights.
 */
function nightlyRuns(
  now: Date,
  since: Date,
): { first: PlumblineBackupRun[]; rerun: PlumblineBackupRun[] } {
  const lastNight = now.getTime() - 2 * HOUR_MS;
  const nights = Math.floor((lastNight - since.getTime()) / DAY_MS);
  const first: PlumblineBackupRun[] = [];
  const rerun: PlumblineBackupRun[] = [];
  for (const backup of BACKED_UP) {
    const skip = 'stoppedDaysAgo' in backup ? backup.stoppedDaysAgo : 0;
    for (let night = nights; night >= skip; night -= 1) {
      const startedAt = new Date(lastNight - night * DAY_MS);
      const failed = 'lastFailed' in backup && night === 0;
      first.push(
        demoRun(
          backup,
          startedAt,
          failed ? { status: 'failed', message: 'Fatal: unable to open repository: timeout' } : {},
        ),
      );
      if (failed) rerun.push(demoRun(backup, new Date(now.getTime() - HOUR_MS)));
    }
  }
  return { first, rerun };
}

/**
 * Gives the demo a living backups area through the ordinary use cases: the SOP defaults and a
 * tag policy, four to five weeks of runs (demo-history.ts) with an incident still open and one that recovered (two
 * evaluations, as the scheduler would run them), a passed restore test verified by a second
 * person, a failed one with its deficiency, and a tabletop DR exercise. Runs carry the times
 * the tools reported; everything is recorded now.
 */
export async function performDemoBackups(ctx: Ctx): Promise<DemoBackupsOutcome> {
  const now = ctx.clock.now();
  const users = (await listAllUsers(ctx)).filter((user) => !user.disabled);
  const engineer = users.find((user) => user.role === 'engineering');
  const verifier = users.find((user) => user.role === 'quality');

  await createBackupPolicy(
    ctx,
    systemActor,
    createBackupPolicyBodySchema.parse({
      name: 'Replicated object storage',
      scope: { kind: 'tag', tag: 'backup:replicated' },
      rpo: 'PT24H',
      requiredRegions: [OFFSITE_REGION],
      alertRecipients: ['dpo@demo.plumbline.test'],
    }),
  );
  // The backup controls' history starts with the first night of runs; the runs then satisfy the
  // occurrences they cover (late evidence: they are recorded now, with the instants of the runs).
  const history = demoHistory(now, ctx.config.timezone);
  await generateOccurrences(
    ctx,
    { from: history.backupsSince, until: history.today },
    { controls: BACKUP_HISTORY_CONTROLS },
  );
  const { first, rerun } = nightlyRuns(now, history.backupsSince);
  await recordBackupRuns(ctx, systemActor, first, { single: false });
  await evaluateBackups(ctx);
  await recordBackupRuns(ctx, systemActor, rerun, { single: false });
  await evaluateBackups(ctx);

  let restoreTests = 0;
  let drExercises = 0;
  if (engineer) {
    const performer: Actor = {
      type: 'user',
      id: engineer.id,
      label: engineer.email,
      role: engineer.role,
    };
    restoreTests = await demoRestoreTests(ctx, performer, verifier?.email, now);
    await recordDrExercise(
      ctx,
      performer,
      recordDrExerciseBodySchema.parse({
        type: 'tabletop',
        scenario:
          'Loss of the Frankfurt region: recover the production database and the ECG store in Dublin from the offsite copies.',
        startedAt: new Date(now.getTime() - 5 * DAY_MS).toISOString(),
        finishedAt: new Date(now.getTime() - 5 * DAY_MS + 3 * HOUR_MS).toISOString(),
        participants: [
          { name: engineer.name, role: 'Incident lead' },
          { name: 'Database on-call', role: 'DBA' },
        ],
        timeline: [
          {
            at: new Date(now.getTime() - 5 * DAY_MS + 15 * 60_000).toISOString(),
            description: 'Declared the region lost; runbook DR-01 opened.',
          },
        ],
        recoveryMeasurements: [{ asset: 'db-prod-eu', measured: 'PT3H' }],
        outcome: 'passed',
        summary: 'The runbook held; the estimated recovery is within the 4-hour RTO.',
      }),
    );
    drExercises = 1;
  }
  return {
    runs: first.length + rerun.length,
    since: dateInZone(history.backupsSince, ctx.config.timezone),
    restoreTests,
    drExercises,
  };
}

/** A passed restore test of the primary database, verified; a failed one of the ECG store. */
async function demoRestoreTests(
  ctx: Ctx,
  performer: Actor,
  verifierEmail: string | undefined,
  now: Date,
): Promise<number> {
  const [restored] = (
    await listBackupRuns(ctx, {
      asset: 'db-prod-eu',
      status: 'succeeded',
      to: new Date(now.getTime() - DAY_MS).toISOString(),
      limit: 1,
    })
  ).items;
  if (!restored) return 0;
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR_MS).toISOString();
  const passed = await recordRestoreTest(
    ctx,
    performer,
    recordRestoreTestBodySchema.parse({
      asset: 'db-prod-eu',
      backupRunId: restored.id,
      startedAt: at(20),
      finishedAt: at(18),
      integrityChecks: [
        { check: 'pg_amcheck on all tables', passed: true },
        { check: 'Row counts match the source', passed: true },
      ],
      notes: 'Restored into the recovery account; the application read its records.',
    }),
  );
  if (verifierEmail) {
    await withDemoSession(ctx, verifierEmail, (principal) =>
      verifyRestoreTest(ctx, principal, passed.id, {
        credentials: { password: DEMO_PASSWORD },
        note: 'Checked the integrity results (demo).',
      }),
    );
  }
  // Six hours against a four-hour RTO: a failed test, which raises a deficiency.
  await recordRestoreTest(
    ctx,
    performer,
    recordRestoreTestBodySchema.parse({
      asset: 'storage-ecg-prod',
      recoveryPointAt: at(34),
      startedAt: at(30),
      finishedAt: at(24),
      integrityChecks: [
        { check: 'Checksums of 1,000 sampled recordings', passed: true, note: 'all matched' },
      ],
      notes: 'The restore of the object store was throttled by the offsite bucket.',
    }),
  );
  return 2;
}
