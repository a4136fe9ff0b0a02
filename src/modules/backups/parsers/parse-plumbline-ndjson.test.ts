import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  collect,
  parseError,
  parseFixture,
  textInput,
} from '../../../../test/fixtures/backups/fixtures.js';
import { BackupParseError, parseBackupOutput } from './index.js';

/** Lines the generator has handed out so far: shows whether the parser reads ahead. */
let linesProduced = 0;

async function* generatedRuns(count: number): AsyncGenerator<string> {
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let index = 0; index < count; index += 1) {
    linesProduced = index + 1;
    // Like a file read, the source now and then waits for more data.
    if (index % 1000 === 0) await nextTurn();
    const startedAt = new Date(start + index * 60_000).toISOString();
    yield `{"asset":"db-${index % 50}","tool":"bench","externalId":"run-${index}","startedAt":"${startedAt}","status":"succeeded","sizeBytes":${index}}\n`;
  }
}

describe('plumbline NDJSON', () => {
  it('reads one run per line, skipping blank lines, with dates and defaults', async () => {
    const runs = await parseFixture('plumbline', 'plumbline/runs.ndjson');
    expect(runs).toHaveLength(3);
    expect(runs[0]).toEqual({
      assetKey: 'db-prod-eu',
      assetReference: null,
      tool: 'pg_dump',
      job: 'nightly-logical',
      externalId: 'pgdump-2026-11-20',
      startedAt: new Date('2026-11-20T01:00:00Z'),
      finishedAt: new Date('2026-11-20T01:14:32Z'),
      status: 'succeeded',
      backupType: 'full',
      sizeBytes: 48213409792,
      recoveryPointId: 's3://acme-backups/pg/2026-11-20.dump',
      recoveryPointAt: new Date('2026-11-20T01:00:03Z'),
      encrypted: true,
      region: 'eu-west-1',
      message: null,
      line: 1,
    });
    expect(runs[1]).toMatchObject({
      status: 'failed',
      finishedAt: new Date('2026-11-21T01:02:10Z'),
    });
    expect(runs[1]?.message).toContain('too many connections');
    // Without its own recovery point time, a run captured its data when it started.
    expect(runs[2]).toMatchObject({
      status: 'partial',
      startedAt: new Date('2026-11-21T21:30:00Z'),
      recoveryPointAt: new Date('2026-11-21T21:30:00Z'),
      finishedAt: null,
    });
  });

  it('names the line and field of an invalid date', async () => {
    const error = await parseError('plumbline', 'plumbline/invalid-date.ndjson');
    expect(error).toBeInstanceOf(BackupParseError);
    expect((error as BackupParseError).message).toBe(
      'plumbline: line 2: startedAt: must be an ISO 8601 date-time such as 2026-11-23T02:00:00Z',
    );
    expect(error).toMatchObject({ format: 'plumbline', line: 2, field: 'startedAt' });
  });

  it('uses the import’s asset for lines that name none, and says when there is none', async () => {
    const line =
      '{"tool":"pg_dump","externalId":"x-1","startedAt":"2026-11-20T01:00:00Z","status":"succeeded"}\n';
    const lines = () => textInput(line);
    const [run] = await collect(
      parseBackupOutput('plumbline', lines(), { defaultAssetKey: 'db-a' }),
    );
    expect(run?.assetKey).toBe('db-a');
    await expect(collect(parseBackupOutput('plumbline', lines()))).rejects.toThrow(
      'plumbline: line 1: asset: is missing',
    );
  });

  it('rejects a run that finishes before it starts', async () => {
    const lines = () =>
      textInput(
        '{"asset":"db-a","tool":"t","externalId":"x","startedAt":"2026-11-20T02:00:00+01:00","finishedAt":"2026-11-20T00:59:00Z","status":"succeeded"}',
      );
    await expect(collect(parseBackupOutput('plumbline', lines()))).rejects.toThrow(
      'plumbline: line 1: finishedAt: must not be before startedAt',
    );
  });

  it('streams 200,000 lines from a generator without holding them', async () => {
    let count = 0;
    let lastSize = -1;
    let producedAtFirstRun = 0;
    for await (const run of parseBackupOutput('plumbline', generatedRuns(200_000))) {
      if (count === 0) producedAtFirstRun = linesProduced;
      count += 1;
      lastSize = run.sizeBytes ?? -1;
    }
    // The first run comes out while the source has given one line, not the whole input.
    expect(producedAtFirstRun).toBe(1);
    expect(count).toBe(200_000);
    expect(lastSize).toBe(199_999);
  });
});
