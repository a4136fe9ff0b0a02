import { MAX_DOCUMENT_BYTES, readLines, type BackupInput } from './backup-input.js';
import { BackupParseError } from './backup-parse-error.js';
import type { ParseBackupOptions, ParsedBackupRun } from './parsed-backup-run.js';
import { parseResticBackupLog } from './parse-restic-backup-log.js';
import { parseResticSnapshots } from './parse-restic-snapshots.js';

/**
 * restic output of either command, told apart by its first character: `restic snapshots --json`
 * is one JSON array, `restic backup --json` is JSON lines, each an object. Empty output is valid
 * and yields no run (a backup that printed nothing reported nothing).
 */
export async function* parseRestic(
  input: BackupInput,
  options: ParseBackupOptions,
): AsyncGenerator<ParsedBackupRun> {
  const lines = readLines('restic', input)[Symbol.asyncIterator]();
  let first = await lines.next();
  while (first.done !== true && first.value.text.trim() === '') first = await lines.next();
  if (first.done === true) return;
  const firstLine = first.value;
  if (firstLine.text.trim() === '{') {
    // A pretty-printed object is some other tool's document (velero, pgBackRest, AWS CLI).
    throw new BackupParseError(
      'restic',
      'expected JSON lines from `restic backup --json` or the array of `restic snapshots --json`; this is a multi-line JSON document',
      { line: firstLine.number },
    );
  }
  if (!firstLine.text.trimStart().startsWith('[')) {
    yield* parseResticBackupLog(
      (async function* () {
        yield firstLine;
        yield* { [Symbol.asyncIterator]: () => lines };
      })(),
      options,
    );
    return;
  }
  const parts = [firstLine.text];
  let size = firstLine.text.length;
  for (let next = await lines.next(); next.done !== true; next = await lines.next()) {
    size += next.value.text.length + 1;
    if (size > MAX_DOCUMENT_BYTES) {
      throw new BackupParseError(
        'restic',
        `the document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
      );
    }
    parts.push(next.value.text);
  }
  yield* parseResticSnapshots(parts.join('\n'), firstLine.number, options);
}
