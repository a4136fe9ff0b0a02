import type { AppContext } from '../../platform/context.js';
import { listNonconformances } from '../nonconformances/nonconformance.service.js';
import {
  recoveryEvidenceRepository,
  type RecoveryEvidenceRow,
  type RecoveryRecordType,
} from './recovery-evidence.repository.js';
import type { RecoveryEvidenceView } from './recovery-record.schema.js';

export function toRecoveryEvidenceView(row: RecoveryEvidenceRow): RecoveryEvidenceView {
  return {
    id: row.id,
    filename: row.filename,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

/** A recovery record's evidence files and the deficiencies it raised, as they stand now. */
export async function recoveryRecordParts(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  recordType: RecoveryRecordType,
  recordId: string,
) {
  const [evidence, deficiencies] = await Promise.all([
    recoveryEvidenceRepository.listFor(ctx.db, recordType, recordId),
    listNonconformances(ctx, { source: recordType, sourceId: recordId }),
  ]);
  return {
    evidence: evidence.map(toRecoveryEvidenceView),
    deficiencies: deficiencies
      .sort((a, b) => a.number.localeCompare(b.number))
      .map((nc) => ({
        id: nc.id,
        number: nc.number,
        title: nc.title,
        status: nc.status,
        ownerUserLabel: nc.ownerUserLabel,
        dueOn: nc.dueOn,
        overdue: nc.overdue,
      })),
  };
}
