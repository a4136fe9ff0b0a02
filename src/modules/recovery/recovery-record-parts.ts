import type { AppContext } from '../../platform/context.js';
import { listNonconformances } from '../nonconformances/nonconformance.service.js';
import { listAttachments } from '../attachments/list-attachments.js';
import type { RecoveryRecordType } from './attach-recovery-evidence.js';

/** A recovery record's evidence files and the deficiencies it raised, as they stand now. */
export async function recoveryRecordParts(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  recordType: RecoveryRecordType,
  recordId: string,
) {
  const [evidence, deficiencies] = await Promise.all([
    listAttachments(ctx.db, recordType, recordId),
    listNonconformances(ctx, { source: recordType, sourceId: recordId }),
  ]);
  return {
    evidence,
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
