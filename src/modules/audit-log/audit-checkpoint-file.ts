import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { auditCheckpointSchema, type AuditCheckpoint } from './audit-checkpoint.schema.js';

/**
 * The newest checkpoint this instance wrote, also kept as a file in the data directory: outside
 * the database, so someone who can rewrite the database but not the server's disk cannot remove
 * it along with the events and the checkpoint rows.
 */
export const AUDIT_CHECKPOINT_FILE = 'audit-checkpoint.json';

export type CheckpointFileRead =
  | { status: 'none' }
  | { status: 'read'; checkpoint: AuditCheckpoint }
  | { status: 'unreadable'; reason: string };

/** Reads a checkpoint file: ours, or one an auditor took from an evidence pack's manifest. */
export async function readAuditCheckpointFile(filePath: string): Promise<CheckpointFileRead> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'none' };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: 'unreadable', reason: `${filePath} is not JSON` };
  }
  // A pack's manifest.json carries the checkpoint as `auditCheckpoint`.
  const candidate =
    typeof json === 'object' && json !== null && 'auditCheckpoint' in json
      ? json.auditCheckpoint
      : json;
  const parsed = auditCheckpointSchema.safeParse(candidate);
  return parsed.success
    ? { status: 'read', checkpoint: parsed.data }
    : { status: 'unreadable', reason: `${filePath} does not hold an audit checkpoint` };
}

/** Replaces the data directory's checkpoint file with a newer checkpoint (never an older one). */
export async function writeAuditCheckpointFile(
  dataDir: string,
  checkpoint: AuditCheckpoint,
): Promise<void> {
  const filePath = path.join(dataDir, AUDIT_CHECKPOINT_FILE);
  const current = await readAuditCheckpointFile(filePath);
  if (current.status === 'read' && BigInt(current.checkpoint.seq) >= BigInt(checkpoint.seq)) {
    return;
  }
  await fs.mkdir(dataDir, { recursive: true });
  // Written aside and renamed over the old one, so a crash never leaves half a file.
  const temporary = `${filePath}.${randomUUID()}.tmp`;
  await fs.writeFile(temporary, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(temporary, filePath);
}
