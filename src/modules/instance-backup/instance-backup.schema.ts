import { z } from 'zod';

export const BACKUP_FORMAT = 'plumbline-backup';
export const BACKUP_FORMAT_VERSION = 1;
/** The manifest is the archive's last entry: it can only be written once everything is counted. */
export const MANIFEST_ENTRY = 'manifest.json';
/** The instance key, in the archive only when the backup was asked to include it. */
export const KEY_ENTRY = 'secret.key';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const archiveEntrySchema = z.object({
  path: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  sha256: sha256Hex,
});

/**
 * What a backup archive holds and how to check it (docs/operations.md): every entry with its
 * size and SHA-256, the rows of each table, the schema's migrations and the instance key's
 * fingerprint. A restore refuses an archive that does not match its manifest exactly.
 */
export const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.iso.datetime({ offset: true }),
  plumblineVersion: z.string(),
  databaseKind: z.enum(['pglite', 'postgresql']),
  /** The migrations applied to the backed-up schema: a restore recreates exactly these first. */
  migrations: z.array(z.string()),
  instanceKey: z.object({
    /** Fingerprint of the key evidence files and sealed fields are encrypted with (null: none). */
    fingerprint: z.string().nullable(),
    included: z.boolean(),
  }),
  /** In load order: parents before the tables that reference them. */
  tables: z.array(
    z.object({
      name: z.string().min(1),
      rows: z.number().int().nonnegative(),
      entries: z.array(z.string()),
    }),
  ),
  sequences: z.array(
    z.object({ name: z.string(), lastValue: z.string().regex(/^-?\d+$/), isCalled: z.boolean() }),
  ),
  evidenceFiles: z.number().int().nonnegative(),
  packFiles: z.number().int().nonnegative(),
  entries: z.array(archiveEntrySchema),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

/** What `plumbline backup` reports. */
export interface BackupSummary {
  archive: string;
  bytes: number;
  tables: number;
  rows: number;
  evidenceFiles: number;
  packFiles: number;
  keyIncluded: boolean;
}

/** What `plumbline restore` reports. */
export interface RestoreSummary {
  tables: number;
  rows: number;
  evidenceFiles: number;
  packFiles: number;
  keyRestored: boolean;
  migrationsAppliedAfter: string[];
}
