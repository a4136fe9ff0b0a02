import { peekFirstCharacter, readDocument, readLines, type BackupInput } from './backup-input.js';
import type { ParseBackupOptions, ParsedBackupRun } from './parsed-backup-run.js';
import { parseResticBackupLog } from './parse-restic-backup-log.js';
import { parseResticSnapshots } from './parse-restic-snapshots.js';

/**
 * restic output of either command, told apart by its first character: `restic snapshots --json`
 * is one JSON array (on one line, however many snapshots, so it is read as a document), while
 * `restic backup --json` is JSON lines, each an object. Empty output is valid and yields no run:
 * a backup that printed nothing reported nothing.
 */
export async function* parseRestic(
  input: BackupInput,
  options: ParseBackupOptions,
): AsyncGenerator<ParsedBackupRun> {
  const peeked = await peekFirstCharacter(input);
  if (peeked.first === null) return;
  if (peeked.first === '[') {
    yield* parseResticSnapshots(await readDocument('restic', peeked.input), options);
    return;
  }
  const lines = readLines('restic', peeked.input);
  yield* parseResticBackupLog(lines, options);
}
