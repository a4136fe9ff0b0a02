import { describe, expect, it } from 'vitest';
import {
  planAssetEvaluation,
  type AssetEvaluationInput,
  type EvaluatedRun,
  type OpenIncident,
} from './backup-evaluation.js';

const HOUR = 3_600_000;
const since = new Date('2026-06-01T00:00:00Z');

const asset: AssetEvaluationInput['asset'] = {
  id: 'asset-1',
  key: 'db-orders',
  name: 'Orders database',
  ownerRole: 'engineering',
  policy: {
    source: 'SOP defaults (production-data)',
    incrementalEvery: 'P1D',
    fullEvery: 'P7D',
    grace: 'PT2H',
    retention: 'P30D',
    rpo: 'PT24H',
    rto: 'PT4H',
    encryptionRequired: true,
    offsiteRequired: false,
    requiredRegions: [],
    alertRecipients: [],
    monitoringSince: since,
  },
};

let counter = 0;
const run = (
  startedAt: string,
  status: EvaluatedRun['status'] = 'succeeded',
  backupType: EvaluatedRun['backupType'] = 'incremental',
): EvaluatedRun => {
  counter += 1;
  return {
    id: `run-${counter}`,
    assetId: asset.id,
    tool: 'restic',
    job: 'nightly',
    message: status === 'succeeded' ? null : 'repository locked',
    status,
    backupType,
    startedAt: new Date(startedAt),
    finishedAt: new Date(new Date(startedAt).getTime() + 60_000),
    recoveryPointAt: null,
    encrypted: true,
    region: null,
  };
};

const full = run('2026-06-05T01:00:00Z', 'succeeded', 'full');
const plan = (input: Partial<AssetEvaluationInput>, now: string) =>
  planAssetEvaluation(
    { asset, lastSuccess: full, lastFullSuccess: full, newRuns: [], openIncidents: [], ...input },
    new Date(now),
  );

const openIncident = (
  kind: OpenIncident['kind'],
  beganAt: string,
  triggerRunId: string | null,
) => ({
  id: `incident-${kind}`,
  assetId: asset.id,
  kind,
  beganAt: new Date(beganAt),
  triggerRunId,
  summary: 'earlier problem',
});

describe('planning incidents for one asset', () => {
  it('opens one run_failed incident for the first unanswered failure, naming the others', () => {
    const failures = [
      run('2026-06-05T10:00:00Z', 'failed'),
      run('2026-06-05T11:00:00Z', 'partial'),
    ];
    const result = plan({ newRuns: failures }, '2026-06-05T11:05:00Z');
    expect(result.close).toEqual([]);
    expect(result.open).toEqual([
      {
        assetId: asset.id,
        kind: 'run_failed',
        beganAt: failures[0]!.startedAt,
        triggerRunId: failures[0]!.id,
        summary:
          'Backup failed: restic nightly run started 2026-06-05T10:00:00.000Z: repository locked (and 1 more failed runs)',
      },
    ]);
  });

  it('opens nothing for a failure already followed by a success, or while one is open', () => {
    const failure = run('2026-06-05T10:00:00Z', 'failed');
    const success = run('2026-06-05T10:30:00Z');
    expect(plan({ newRuns: [failure, success] }, '2026-06-05T11:00:00Z')).toEqual({
      open: [],
      close: [],
    });
    const open = openIncident('run_failed', '2026-06-05T09:00:00Z', 'run-x');
    expect(
      plan({ newRuns: [failure], openIncidents: [open] }, '2026-06-05T11:00:00Z').open,
    ).toEqual([]);
  });

  it('closes the failure on a success with a later recovery point, and reopens for a newer failure', () => {
    const open = openIncident('run_failed', '2026-06-05T09:00:00Z', 'run-x');
    const success = run('2026-06-05T10:00:00Z');
    const newer = run('2026-06-05T12:00:00Z', 'failed');
    const result = plan(
      { newRuns: [success, newer], lastSuccess: success, openIncidents: [open] },
      '2026-06-05T12:05:00Z',
    );
    expect(result.close).toEqual([{ incident: open, recoveryRunId: success.id }]);
    expect(result.open.map((incident) => incident.triggerRunId)).toEqual([newer.id]);
  });

  it('does not count a success that had not finished by now', () => {
    const open = openIncident('run_failed', '2026-06-05T09:00:00Z', 'run-x');
    const running = run('2026-06-05T10:00:00Z');
    expect(
      plan({ newRuns: [running], openIncidents: [open] }, '2026-06-05T10:00:30Z').close,
    ).toEqual([]);
  });

  it('opens a missed-window incident after frequency + grace, and closes it on the next success', () => {
    // Last success (the full backup) at 01:00 on the 5th: incremental due by 03:00 on the 6th.
    expect(plan({}, '2026-06-06T03:00:00Z').open).toEqual([]);
    const [missed] = plan({}, '2026-06-06T03:00:01Z').open;
    expect(missed).toMatchObject({
      kind: 'incremental_missed',
      beganAt: new Date('2026-06-06T03:00:00Z'),
      triggerRunId: null,
      summary:
        'No successful incremental backup since 2026-06-05T01:00:00.000Z (due by 2026-06-06T03:00:00.000Z)',
    });
    const open = openIncident('incremental_missed', '2026-06-06T03:00:00Z', null);
    const late = run('2026-06-06T05:00:00Z');
    expect(
      plan({ newRuns: [late], lastSuccess: late, openIncidents: [open] }, '2026-06-06T05:10:00Z'),
    ).toEqual({ open: [], close: [{ incident: open, recoveryRunId: late.id }] });
  });

  it('keeps the weekly full window apart: incremental runs do not close it', () => {
    const incremental = run('2026-06-12T01:00:00Z');
    const now = '2026-06-12T04:00:00Z';
    const result = plan({ lastSuccess: incremental, newRuns: [incremental] }, now);
    expect(result.open.map((incident) => incident.kind)).toEqual(['full_missed']);
    const open = openIncident('full_missed', '2026-06-12T03:00:00Z', null);
    expect(
      plan({ lastSuccess: incremental, newRuns: [incremental], openIncidents: [open] }, now),
    ).toEqual({ open: [], close: [] });
  });

  it('counts a never-backed-up asset from the start of monitoring', () => {
    const result = plan({ lastSuccess: null, lastFullSuccess: null }, '2026-06-02T02:00:01Z');
    expect(result.open).toMatchObject([
      {
        kind: 'incremental_missed',
        summary: expect.stringContaining(
          'since monitoring began 2026-06-01T00:00:00.000Z',
        ) as string,
      },
    ]);
    expect(
      plan(
        { lastSuccess: null, lastFullSuccess: null },
        new Date(since.getTime() + 26 * HOUR).toISOString(),
      ).open,
    ).toEqual([]);
  });
});
