import { describe, expect, it } from 'vitest';
import { parseError, parseFixture } from '../../../../test/fixtures/backups/fixtures.js';
import { BACKUP_IMPORT_FORMATS, BackupParseError, type BackupImportFormat } from './index.js';

const receivedAt = new Date('2026-11-22T04:12:05Z');

/** What every format must do with good, empty, cut-off and foreign input. */
const CASES: Record<
  BackupImportFormat,
  {
    complete: string;
    empty: { fixture: string; runs: number } | { fixture: string; error: string };
    truncated: { fixture: string; error: RegExp };
    foreign: { fixture: string; error: string };
  }
> = {
  plumbline: {
    complete: 'plumbline/runs.ndjson',
    empty: { fixture: 'plumbline/empty.ndjson', runs: 0 },
    truncated: { fixture: 'plumbline/truncated.ndjson', error: /^plumbline: line 2: / },
    foreign: {
      fixture: 'restic/backup-succeeded.jsonl',
      error: 'plumbline: line 1: asset: is missing',
    },
  },
  restic: {
    complete: 'restic/backup-failed.jsonl',
    empty: { fixture: 'restic/empty.jsonl', runs: 0 },
    truncated: { fixture: 'restic/backup-truncated.jsonl', error: /^restic: line 2: / },
    foreign: {
      fixture: 'velero/backup-list.json',
      error:
        'restic: line 1: expected JSON lines from `restic backup --json` or the array of `restic snapshots --json`; this is a multi-line JSON document',
    },
  },
  pgbackrest: {
    complete: 'pgbackrest/info.json',
    empty: {
      fixture: 'pgbackrest/empty.json',
      error:
        'pgbackrest: the input is empty; expected the output of `pgbackrest info --output=json`',
    },
    truncated: { fixture: 'pgbackrest/info-truncated.json', error: /^pgbackrest: line 1: / },
    foreign: {
      fixture: 'velero/backup-list.json',
      error:
        'pgbackrest: line 1: expected the JSON array that `pgbackrest info --output=json` prints',
    },
  },
  'aws-backup': {
    complete: 'aws-backup/list-backup-jobs.json',
    empty: { fixture: 'aws-backup/empty-jobs.json', runs: 0 },
    truncated: { fixture: 'aws-backup/truncated.json', error: /^aws-backup: line 40: / },
    foreign: {
      fixture: 'pgbackrest/info.json',
      error:
        'aws-backup: line 1: expected the JSON object that `aws backup list-backup-jobs` prints',
    },
  },
  velero: {
    complete: 'velero/backup-list.json',
    empty: { fixture: 'velero/empty-list.json', runs: 0 },
    truncated: { fixture: 'velero/truncated.json', error: /^velero: line \d+: / },
    foreign: {
      fixture: 'aws-backup/list-backup-jobs.json',
      error: 'velero: metadata: is missing',
    },
  },
};

describe.each(BACKUP_IMPORT_FORMATS)('%s import', (format) => {
  const cases = CASES[format];

  it('gives the same external ids when the same output is parsed twice', async () => {
    const first = await parseFixture(format, cases.complete, { receivedAt });
    // Hours later the same UTC day (restic's failed runs count the day of receipt).
    const again = await parseFixture(format, cases.complete, {
      receivedAt: new Date(receivedAt.getTime() + 12 * 3_600_000),
    });
    expect(first.length).toBeGreaterThan(0);
    expect(again.map((run) => run.externalId)).toEqual(first.map((run) => run.externalId));
  });

  it('handles empty input as its format defines', async () => {
    const { empty } = cases;
    if ('runs' in empty) {
      expect(await parseFixture(format, empty.fixture)).toHaveLength(empty.runs);
    } else {
      await expect(parseFixture(format, empty.fixture)).rejects.toThrow(empty.error);
    }
  });

  it('rejects output cut short, naming format and line', async () => {
    const error = await parseError(format, cases.truncated.fixture, { receivedAt });
    expect(error).toBeInstanceOf(BackupParseError);
    expect((error as BackupParseError).format).toBe(format);
    expect((error as Error).message).toMatch(cases.truncated.error);
    expect((error as Error).message).toMatch(/the JSON ends too early \(truncated output\?\)$/);
  });

  it('rejects another tool’s output, naming format and line or field', async () => {
    const error = await parseError(format, cases.foreign.fixture, { receivedAt });
    expect(error).toBeInstanceOf(BackupParseError);
    expect((error as Error).message).toBe(cases.foreign.error);
  });
});
