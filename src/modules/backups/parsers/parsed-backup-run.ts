/** The tool outputs Plumbline can import, by the name used in `?format=` and `--format`. */
export const BACKUP_IMPORT_FORMATS = [
  'plumbline',
  'restic',
  'pgbackrest',
  'aws-backup',
  'velero',
] as const;
export type BackupImportFormat = (typeof BACKUP_IMPORT_FORMATS)[number];

export const BACKUP_RUN_STATUSES = ['succeeded', 'failed', 'partial'] as const;
export type BackupRunStatus = (typeof BACKUP_RUN_STATUSES)[number];

export const BACKUP_TYPES = ['full', 'incremental', 'differential'] as const;
export type BackupType = (typeof BACKUP_TYPES)[number];

/** One backup run in Plumbline's own shape, before its asset key is resolved to an asset id. */
export interface ParsedBackupRun {
  /** Null when the output does not name an asset: `--asset`/`asset=` or a mapping decides then. */
  assetKey: string | null;
  /** What the tool calls the thing it backed up (ARN, stanza, host:paths, namespaces); for mappings. */
  assetReference: string | null;
  tool: string;
  job: string | null;
  /** Stable id from the tool: importing the same output twice gives the same id. */
  externalId: string;
  /**
   * Null only for a restic summary before 0.17 whose snapshot's time the output does not give: the
   * run is then the snapshot already recorded under that id (from `restic snapshots --json`) or it
   * is refused; it is never timed by when the output was received (docs/backups-formats.md).
   */
  startedAt: Date | null;
  finishedAt: Date | null;
  status: BackupRunStatus;
  backupType: BackupType | null;
  sizeBytes: number | null;
  recoveryPointId: string | null;
  /** The instant of the data the backup captured, which is what RPO is measured against. */
  recoveryPointAt: Date | null;
  encrypted: boolean | null;
  region: string | null;
  /** Error text for failed and partial runs. */
  message: string | null;
  /**
   * The line of the input the run was read from (1-based: the NDJSON line, restic's summary or
   * final error line), for reports that point a person at their file; null for formats read as one
   * JSON document, where `index` (the run's position) places it.
   */
  line: number | null;
  /**
   * True when the output lists the restore points that exist as it is written (a snapshot
   * listing: restic snapshots, pgBackRest info, velero backup get) rather than reporting a backup
   * as it ran; the import then also records which points were restorable (retention check).
   */
  listed?: true;
}

export interface ParseBackupOptions {
  /** The asset for runs whose output names none (`--asset`, `asset=`). */
  defaultAssetKey?: string;
  /**
   * When the output was received (the caller's clock). Only restic's failure lines need it: they
   * carry no timestamp in any version, and a failure has no snapshot to take a time from.
   */
  receivedAt?: Date;
}
