import type { AppContext } from '../../platform/context.js';
import { listBackupRuns } from '../backups/list-backup-runs.js';
import type { EffectivenessReportRow } from '../posture/posture.schema.js';
import { listDrExercises } from '../recovery/dr-exercise.service.js';
import { listRestoreTests } from '../recovery/restore-test.service.js';
import type { AssetView } from '../register/asset.schema.js';
import { assetComponentUuid, stableUuid } from './oscal-identifiers.js';
import { nonEmpty, plumblineProps } from './oscal-metadata.js';

const iso = (value: string): string => new Date(value).toISOString();

/** The window of the period and the instant the records are read as of. */
export interface AssessmentWindow {
  start: Date;
  end: Date;
  asOf: Date;
}

/** Subjects of an observation: the assets it concerns, as the components describing them. */
export class ObservedAssets {
  private readonly byKey: Map<string, AssetView>;
  /** Assets named by at least one observation, for the result's local definitions. */
  readonly referenced = new Map<string, AssetView>();

  constructor(assets: AssetView[]) {
    this.byKey = new Map(assets.map((asset) => [asset.key, asset]));
  }

  subjects(assetKeys: (string | null)[]) {
    const subjects = [];
    for (const key of new Set(assetKeys)) {
      const asset = key === null ? undefined : this.byKey.get(key);
      if (!asset) continue;
      this.referenced.set(asset.key, asset);
      subjects.push({ 'subject-uuid': assetComponentUuid(asset.id), type: 'component' });
    }
    return nonEmpty('subjects', subjects);
  }
}

/** The observation of one occurrence; its name is (control, period, asset), which is unique. */
export const occurrenceObservationUuid = (row: EffectivenessReportRow): string =>
  stableUuid(`observation/occurrence/${row.controlKey}/${row.periodKey}/${row.assetKey}`);

/** What the records say about one occurrence due in the period, examined as of the period end. */
export function occurrenceObservation(row: EffectivenessReportRow, assets: ObservedAssets) {
  const done = row.completedAt
    ? `Done by ${row.performer ?? 'unknown'} at ${iso(row.completedAt)}`
    : 'Not done';
  const verified = row.verifiedAt
    ? `verified by ${row.verifier ?? 'unknown'} at ${iso(row.verifiedAt)}`
    : 'not verified';
  return {
    uuid: occurrenceObservationUuid(row),
    title: `${row.controlKey} ${row.periodKey}${row.assetKey ? ` on ${row.assetKey}` : ''}`,
    description: `${row.controlTitle}, due ${iso(row.dueAt)}: ${row.status}. ${done}; ${verified}; ${row.evidenceCount} evidence file(s).`,
    props: plumblineProps([
      ['control-key', row.controlKey],
      ['period-key', row.periodKey],
      ['asset-key', row.assetKey],
      ['occurrence-status', row.status],
      ['evidence-count', row.evidenceCount],
      ['exceptions', row.exceptions.join(' ')],
    ]),
    methods: ['EXAMINE'],
    types: ['control-objective'],
    ...assets.subjects([row.assetKey]),
    ...nonEmpty(
      'relevant-evidence',
      row.evidenceCount > 0
        ? [{ description: `${row.evidenceCount} evidence file(s) attached to the work record.` }]
        : [],
    ),
    collected: iso(row.verifiedAt ?? row.completedAt ?? row.dueAt),
  };
}

const inWindow = (at: string, createdAt: string, window: AssessmentWindow) =>
  new Date(at) >= window.start && new Date(at) < window.end && new Date(createdAt) <= window.asOf;

/** Restore tests started in the period: each is a test of recoverability. */
export async function restoreTestObservations(
  ctx: Pick<AppContext, 'db'>,
  window: AssessmentWindow,
  assets: ObservedAssets,
) {
  const tests = (await listRestoreTests(ctx)).filter((test) =>
    inWindow(test.startedAt, test.createdAt, window),
  );
  return tests.map((test) => ({
    uuid: stableUuid(`observation/restore-test/${test.id}`),
    title: `Restore test ${test.number} of ${test.assetKey}`,
    description: `Outcome ${test.outcome} (${test.status}): measured RTO ${test.measuredRtoSeconds} s against ${test.targetRto}, RPO ${test.measuredRpoSeconds} s against ${test.targetRpo}; ${test.integrityChecks.length} integrity check(s)${test.verifiedAt ? `; verified by ${test.verifierLabel ?? 'unknown'}` : '; not verified'}.`,
    props: plumblineProps([
      ['restore-test', test.number],
      ['outcome', test.outcome],
      ['record-status', test.status],
    ]),
    methods: ['TEST'],
    ...assets.subjects([test.assetKey]),
    collected: iso(test.finishedAt),
  }));
}

/** DR exercises started in the period. */
export async function drExerciseObservations(
  ctx: Pick<AppContext, 'db'>,
  window: AssessmentWindow,
  assets: ObservedAssets,
) {
  const exercises = (await listDrExercises(ctx)).filter((exercise) =>
    inWindow(exercise.startedAt, exercise.createdAt, window),
  );
  return exercises.map((exercise) => ({
    uuid: stableUuid(`observation/dr-exercise/${exercise.id}`),
    title: `DR exercise ${exercise.number} (${exercise.type})`,
    description: `${exercise.scenario}: outcome ${exercise.outcome} (${exercise.status}); ${exercise.recoveryMeasurements.filter((m) => m.met).length} of ${exercise.recoveryMeasurements.length} recovery time(s) met${exercise.verifiedAt ? `; verified by ${exercise.verifierLabel ?? 'unknown'}` : '; not verified'}.`,
    props: plumblineProps([
      ['dr-exercise', exercise.number],
      ['outcome', exercise.outcome],
      ['record-status', exercise.status],
    ]),
    methods: ['TEST'],
    ...assets.subjects(exercise.recoveryMeasurements.map((measurement) => measurement.assetKey)),
    collected: iso(exercise.finishedAt),
  }));
}

/** Backup runs are read a page at a time and only counted: a year can hold millions. */
const BACKUP_PAGE = 1000;

/**
 * One observation per asset with backup runs started in the period: how many runs, by status. The
 * runs themselves stay in Plumbline (and in the evidence pack's registers); counting keeps the
 * document's size proportional to the assets, not to the runs.
 */
export async function backupRunObservations(
  ctx: Pick<AppContext, 'db'>,
  window: AssessmentWindow,
  assets: ObservedAssets,
) {
  const byAsset = new Map<string, { total: number; byStatus: Map<string, number>; last: string }>();
  let cursor: string | undefined;
  do {
    const page = await listBackupRuns(ctx, {
      from: window.start.toISOString(),
      to: window.end.toISOString(),
      limit: BACKUP_PAGE,
      cursor,
    });
    for (const run of page.items) {
      if (new Date(run.recordedAt) > window.asOf) continue;
      const counts = byAsset.get(run.assetKey) ?? {
        total: 0,
        byStatus: new Map(),
        last: run.startedAt,
      };
      counts.total += 1;
      counts.byStatus.set(run.status, (counts.byStatus.get(run.status) ?? 0) + 1);
      if (run.startedAt > counts.last) counts.last = run.startedAt;
      byAsset.set(run.assetKey, counts);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return [...byAsset.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([assetKey, counts]) => {
      const statuses = [...counts.byStatus.entries()].sort(([a], [b]) => a.localeCompare(b));
      return {
        uuid: stableUuid(
          `observation/backup-runs/${assetKey}/${window.start.toISOString()}/${window.end.toISOString()}`,
        ),
        title: `Backup runs of ${assetKey}`,
        description: `${counts.total} backup run(s) started in the period: ${statuses.map(([status, n]) => `${n} ${status}`).join(', ')}.`,
        props: plumblineProps([
          ['asset-key', assetKey],
          ['backup-runs', counts.total],
          ...statuses.map(([status, n]): [string, number] => [`backup-runs-${status}`, n]),
        ]),
        methods: ['EXAMINE'],
        ...assets.subjects([assetKey]),
        collected: iso(counts.last),
      };
    });
}
