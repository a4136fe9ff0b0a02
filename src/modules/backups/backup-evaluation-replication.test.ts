import { describe, expect, it } from 'vitest';
import type { AssetUnderPolicy, EvaluatedRun } from './backup-evaluation.js';
import {
  planReplicationEvidence,
  type ReplicationCandidate,
} from './backup-evaluation-replication.js';
import { DEFAULT_BACKUP_POLICIES } from './effective-policy.js';

const policy: AssetUnderPolicy['policy'] = {
  ...DEFAULT_BACKUP_POLICIES['production-data'],
  source: 'SOP defaults (production-data)',
  monitoringSince: new Date('2026-06-01T00:00:00Z'),
};

const day = (settings: Partial<AssetUnderPolicy['policy']> = {}): ReplicationCandidate => ({
  occurrenceId: 'occurrence-1',
  asset: {
    id: 'asset-1',
    key: 'db-orders',
    name: 'Orders',
    ownerRole: 'engineering',
    policy: { ...policy, ...settings },
  },
  opensAt: new Date('2026-06-07T22:00:00Z'),
  dueAt: new Date('2026-06-08T22:00:00Z'),
});

const run = (
  id: string,
  startedAt: string,
  region: string | null,
  status: EvaluatedRun['status'] = 'succeeded',
): EvaluatedRun => ({
  id,
  assetId: 'asset-1',
  tool: 'aws-backup',
  job: 'copy',
  message: null,
  status,
  backupType: 'incremental',
  startedAt: new Date(startedAt),
  finishedAt: new Date(new Date(startedAt).getTime() + 600_000),
  recoveryPointAt: null,
  encrypted: true,
  region,
});

const NOW = new Date('2026-06-08T12:00:00Z');

describe('deciding a day of backup-replication-daily', () => {
  it('completes and verifies the day once every required region holds a successful run', () => {
    const runs = [
      run('run-a', '2026-06-08T01:00:00Z', 'eu-central-1'),
      run('run-b', '2026-06-08T02:00:00Z', 'eu-west-1'),
    ];
    const decision = planReplicationEvidence(
      day({ requiredRegions: ['eu-central-1', 'eu-west-1'] }),
      runs,
      NOW,
    );
    expect(decision).toEqual({
      occurrenceId: 'occurrence-1',
      events: ['completed', 'verified'],
      note:
        'Recorded automatically from 2 successful backup run(s) of the day in eu-central-1, ' +
        'eu-west-1 (required eu-central-1, eu-west-1, SOP defaults (production-data)): run-a, run-b.',
    });
  });

  it('leaves the day open while a required region has no successful run of the day', () => {
    const runs = [
      run('run-a', '2026-06-08T01:00:00Z', 'eu-central-1'),
      run('run-b', '2026-06-08T02:00:00Z', 'eu-west-1', 'failed'),
      // The day before does not count for this day.
      run('run-c', '2026-06-07T01:00:00Z', 'eu-west-1'),
      // Nor does a run not yet over at the instant decided.
      run('run-d', '2026-06-08T11:55:00Z', 'eu-west-1'),
    ];
    expect(
      planReplicationEvidence(day({ requiredRegions: ['eu-central-1', 'eu-west-1'] }), runs, NOW),
    ).toBeNull();
  });

  it('needs a run reporting a region when an offsite copy is required and no region named', () => {
    expect(
      planReplicationEvidence(day(), [run('run-a', '2026-06-08T01:00:00Z', null)], NOW),
    ).toBeNull();
    expect(
      planReplicationEvidence(day(), [run('run-a', '2026-06-08T01:00:00Z', 'eu-west-1')], NOW)
        ?.events,
    ).toEqual(['completed', 'verified']);
  });

  it('leaves a day without runs open, so it turns overdue and then missed', () => {
    expect(planReplicationEvidence(day(), [], NOW)).toBeNull();
  });

  it('declares the day not applicable when the policy asks for no copy elsewhere', () => {
    expect(planReplicationEvidence(day({ offsiteRequired: false }), [], NOW)).toEqual({
      occurrenceId: 'occurrence-1',
      events: ['not_applicable'],
      note: 'Not applicable: the backup policy (SOP defaults (production-data)) requires no copy in another region.',
    });
  });
});
