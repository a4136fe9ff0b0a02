import { z } from 'zod';

// `pgbackrest info --output=json`, as written by pgBackRest's src/command/info/info.c. pgBackRest
// keeps this JSON stable; unknown keys (annotation, lsn, link, tablespace…) are ignored.

const epochSeconds = z.number().int('must be whole seconds since 1970').nonnegative();

export const PGBACKREST_BACKUP_TYPES = ['full', 'diff', 'incr'] as const;

export const pgbackrestBackupSchema = z.object({
  label: z.string().min(1),
  type: z.enum(PGBACKREST_BACKUP_TYPES),
  timestamp: z.object({ start: epochSeconds, stop: epochSeconds }),
  info: z
    .object({
      size: z.number().int().nonnegative().optional(),
      delta: z.number().int().nonnegative().optional(),
    })
    .optional(),
  // Since 2.36: the backup completed but found invalid page checksums in the database files.
  error: z.boolean().optional(),
  database: z.object({ id: z.number().int(), 'repo-key': z.number().int().optional() }).optional(),
});
export type PgbackrestBackup = z.infer<typeof pgbackrestBackupSchema>;

export const pgbackrestStanzaSchema = z.object({
  name: z.string().min(1),
  // Stanza-wide cipher: `none`, `aes-256-cbc`, or `mixed` when repositories differ.
  cipher: z.string().optional(),
  repo: z.array(z.object({ key: z.number().int(), cipher: z.string().optional() })).optional(),
  backup: z.array(pgbackrestBackupSchema),
  status: z.object({ code: z.number().int(), message: z.string() }),
});
export type PgbackrestStanza = z.infer<typeof pgbackrestStanzaSchema>;

/** The whole document: one entry per stanza. */
export const pgbackrestInfoSchema = z.array(pgbackrestStanzaSchema);
