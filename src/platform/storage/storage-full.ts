import { AppError } from '../errors.js';

/** File system errors that mean "nothing more can be written here". */
const FILE_SYSTEM_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS']);
/** PostgreSQL's disk_full SQLSTATE (PGlite raises the same from its embedded server). */
const DISK_FULL_SQLSTATE = '53100';

export type StorageFailureSource = 'database' | 'file-system';

export interface StorageFailure {
  source: StorageFailureSource;
  /** The errno code (ENOSPC, EDQUOT, EROFS) or the SQLSTATE. */
  code: string;
  /** The file the write failed on, for file-system failures that name one. */
  path: string | undefined;
}

/**
 * Whether an error (or one of its causes) says the storage is full, over quota or read-only:
 * the caller should be told so (507), not handed a generic 500.
 */
export function storageFailureOf(error: unknown): StorageFailure | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const { code, path } = current as { code?: unknown; path?: unknown };
    if (typeof code === 'string' && FILE_SYSTEM_FULL_CODES.has(code)) {
      return {
        source: 'file-system',
        code,
        path: typeof path === 'string' ? path : undefined,
      };
    }
    if (code === DISK_FULL_SQLSTATE) {
      return { source: 'database', code, path: undefined };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** The typed error a storage failure is reported as, in words an operator can act on. */
export function storageFullError(failure: StorageFailure): AppError {
  const where = failure.source === 'database' ? 'the database' : 'the file store';
  const what =
    failure.code === 'EROFS'
      ? 'is read-only'
      : failure.code === 'EDQUOT'
        ? 'is over its disk quota'
        : 'is out of disk space';
  return new AppError(
    'storage_full',
    `Nothing was saved: ${where} ${what}. Free space (or make it writable) and try again.`,
    { details: { source: failure.source, code: failure.code } },
  );
}
