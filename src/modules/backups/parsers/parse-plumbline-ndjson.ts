import { BackupParseError } from './backup-parse-error.js';
import { readLines, type BackupInput } from './backup-input.js';
import { parseJson, parseWithSchema } from './json-input.js';
import type { ParseBackupOptions, ParsedBackupRun } from './parsed-backup-run.js';
import { plumblineBackupRunSchema, toParsedBackupRun } from './plumbline-run.schema.js';

/**
 * Plumbline's own NDJSON: one run object per line, blank lines ignored. Streams line by line (the
 * 1,000,000-run benchmark goes through here). A line may leave out `asset` when the import names a
 * default asset (`--asset`, `asset=`).
 */
export async function* parsePlumblineNdjson(
  input: BackupInput,
  options: ParseBackupOptions,
): AsyncGenerator<ParsedBackupRun> {
  for await (const line of readLines('plumbline', input)) {
    if (line.text.trim() === '') continue;
    const value = parseJson('plumbline', line.text, line.number);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new BackupParseError('plumbline', 'must be one JSON object per line', {
        line: line.number,
      });
    }
    const withAsset =
      'asset' in value || options.defaultAssetKey === undefined
        ? value
        : { ...value, asset: options.defaultAssetKey };
    const run = parseWithSchema('plumbline', plumblineBackupRunSchema, withAsset, {
      line: line.number,
    });
    yield toParsedBackupRun(run, line.number);
  }
}
