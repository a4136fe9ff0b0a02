import type { AppContext } from '../../platform/context.js';
import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import { AppError } from '../../platform/errors.js';
import { nonconformanceRepository } from './nonconformance.repository.js';
import { formatNonconformanceNumber, type NonconformanceView } from './nonconformance.schema.js';
import { toNonconformanceView } from './nonconformance.service.js';

/** Who owns a nonconformance an incident raises: Quality decides containment and disposition. */
const INCIDENT_NONCONFORMANCE_OWNER = 'quality';

export interface IncidentForNonconformance {
  id: string;
  number: string;
  title: string;
  rationale: string;
}

/**
 * Raises the nonconformance of an incident whose conformity decision says it could have affected
 * conformity, inside the decision's transaction, so the signed decision and its nonconformance
 * commit together. At most one per incident: a second is refused as a conflict.
 */
export async function raiseNonconformanceFromIncident(
  ctx: Pick<AppContext, 'clock' | 'config'>,
  tx: AuditedTransaction,
  incident: IncidentForNonconformance,
): Promise<NonconformanceView> {
  const row = await nonconformanceRepository.insertOnce(tx.trx, {
    sourceType: 'incident',
    sourceId: incident.id,
    title: `Incident ${incident.number}: ${incident.title}`.slice(0, 300),
    description:
      `The conformity decision of incident ${incident.number} found that it could have affected ` +
      `the conformity of products or services: ${incident.rationale}`,
    ownerRole: INCIDENT_NONCONFORMANCE_OWNER,
    now: tx.now,
  });
  if (!row) {
    throw new AppError(
      'conflict',
      `Incident ${incident.number} has raised its nonconformance already`,
    );
  }
  await tx.audit({
    action: 'nonconformance.raised',
    entityType: 'nonconformance',
    entityId: row.id,
    after: {
      number: formatNonconformanceNumber(row.number),
      sourceType: 'incident',
      sourceId: incident.id,
      incident: incident.number,
    },
  });
  return toNonconformanceView(row, ctx);
}
