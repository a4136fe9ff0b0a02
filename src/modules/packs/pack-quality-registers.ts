import type { AppContext } from '../../platform/context.js';
import { capaRegisterPages } from '../capas/capa-register.js';
import { incidentRegisterPages } from '../incidents/incident-register.js';
import { nonconformanceRegisterPages } from '../nonconformances/nonconformance-register.js';
import type { PeriodWindow } from './pack-records.repository.js';
import { csvChunks, type PackRegister } from './pack-registers.js';

/**
 * The incidents, nonconformances and CAPAs open at some time in the period, each as it stood at the
 * period's end (or the pack's instant, if earlier), read through their modules page by page.
 */
export function qualityRegisters(
  ctx: Pick<AppContext, 'db' | 'config'>,
  window: PeriodWindow,
): PackRegister[] {
  return [
    {
      path: 'registers/incidents.csv',
      title:
        'Incidents open during the period, with the signed conformity decision and their status at the end',
      chunks: () =>
        csvChunks(
          [
            'number',
            'title',
            'severity',
            'detectionSource',
            'detectedAt',
            'openedAt',
            'openedBy',
            'assets',
            'processes',
            'statusAtEnd',
            'closedAt',
            'decisionDueAt',
            'decision',
            'decisionRationale',
            'decidedAt',
            'decidedBy',
            'decisionSignatureId',
            'decisionOnTime',
            'nonconformance',
            'postIncidentReview',
          ],
          incidentRegisterPages(ctx, window),
        ),
    },
    {
      path: 'registers/nonconformances.csv',
      title: 'Nonconformances open during the period, and whether each was closed by the end',
      chunks: () =>
        csvChunks(
          [
            'number',
            'sourceType',
            'sourceId',
            'title',
            'description',
            'requirementNotMet',
            'containment',
            'disposition',
            'impactAssessment',
            'raisedAt',
            'raisedBy',
            'ownerRole',
            'owner',
            'dueOn',
            'statusAtEnd',
            'overdueAtEnd',
            'closedAt',
            'closedBy',
            'resolutionNote',
            'closureSignatureId',
          ],
          nonconformanceRegisterPages(ctx, window),
        ),
    },
    {
      path: 'registers/capas.csv',
      title:
        'CAPAs open during the period: root cause, actions and the signed effectiveness check at the end',
      chunks: () =>
        csvChunks(
          [
            'number',
            'kind',
            'title',
            'owner',
            'nonconformances',
            'openedAt',
            'openedBy',
            'rootCauseMethod',
            'rootCause',
            'actionsAtEnd',
            'actionsDoneAtEnd',
            'actionsOverdueAtEnd',
            'checkPlannedOn',
            'checkCriteria',
            'checkOutcome',
            'checkNote',
            'checkedAt',
            'checkedBy',
            'checkSignatureId',
            'statusAtEnd',
            'closedAt',
            'closedBy',
          ],
          capaRegisterPages(ctx, window),
        ),
    },
  ];
}
