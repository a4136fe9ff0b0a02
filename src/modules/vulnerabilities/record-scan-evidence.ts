import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import {
  findOccurrenceCovering,
  type CoveringOccurrence,
} from '../occurrences/find-occurrence-covering.js';
import {
  prepareTriggerEvent,
  recordPreparedTriggerEvents,
  type PreparedTriggerEvent,
} from '../occurrences/record-trigger-event.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import { satisfyOccurrencesWithEvidence } from '../occurrences/satisfy-with-evidence.js';
import { FINDING_SLA_TRIGGERS } from './finding-sla.js';
import { vulnerabilityRepository } from './vulnerability.repository.js';

/** The cadence controls a scan of an asset is the evidence of (catalogue source vulnerability-scans). */
export const SCAN_CONTROLS = ['dependency-scan-monthly', 'vulnerability-scan-quarterly'] as const;

function slaTrigger(finding: { severity: string }) {
  return FINDING_SLA_TRIGGERS[finding.severity as 'critical' | 'high'];
}

export interface ImportedScan {
  assetId: string;
  assetKey: string;
  scanId: string;
  scannedAt: Date;
  scanner: string;
}

/**
 * What an imported scan settles in the programme, after the import committed: the asset's
 * occurrences of the scan controls covering the scan's time are completed and verified; every
 * open critical or high finding of the asset without an SLA occurrence gets one (a trigger event
 * at its first detection, idempotent on the finding), so its deadline is tracked, alerted and
 * escalated like all other work; and the SLA occurrences of findings now fixed are satisfied.
 * Runs again harmlessly: each import of the asset catches up on what an earlier one left.
 */
export async function recordScanEvidence(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: Actor,
  scan: ImportedScan,
): Promise<void> {
  const scanOccurrences: CoveringOccurrence[] = [];
  for (const control of SCAN_CONTROLS) {
    const occurrence = await findOccurrenceCovering(ctx, {
      control,
      asset: scan.assetKey,
      instant: scan.scannedAt,
    });
    // One already finished is left as it was (satisfyOccurrence).
    if (occurrence) scanOccurrences.push(occurrence);
  }
  const pending = await vulnerabilityRepository.pendingSlaStarts(ctx.db, scan.assetId);
  const prepared = new Map<string, PreparedTriggerEvent>();
  for (const trigger of new Set(pending.map(slaTrigger))) {
    prepared.set(
      trigger,
      await prepareTriggerEvent(ctx, {
        type: trigger,
        asset: scan.assetKey,
        at: scan.scannedAt.toISOString(),
        details: {},
      }),
    );
  }
  const fixed = await vulnerabilityRepository.fixedWithSlaOccurrence(ctx.db, scan.assetId);
  if (scanOccurrences.length === 0 && pending.length === 0 && fixed.length === 0) return;
  await mutate(
    ctx,
    actor,
    async (tx) => {
      for (const occurrence of scanOccurrences) {
        await satisfyOccurrence(tx, occurrence, {
          note: `Vulnerability scan by ${scan.scanner} of ${scan.assetKey} at ${scan.scannedAt.toISOString()} (scan ${scan.scanId})`,
        });
      }
      for (const [trigger, base] of prepared) {
        const starting = pending.filter((finding) => slaTrigger(finding) === trigger);
        const events = await recordPreparedTriggerEvents(
          tx,
          base,
          starting.map((finding) => ({
            ...base.input,
            at: finding.first_seen_at.toISOString(),
            externalId: `vulnerability-finding:${finding.id}`,
            details: {
              finding: finding.id,
              vulnerability: finding.vulnerability_id,
              package: finding.package_name,
            },
          })),
        );
        await vulnerabilityRepository.setSlaOccurrences(
          tx.trx,
          starting.flatMap((finding, index) => {
            const [occurrenceId] = events[index]!.occurrenceIds;
            return occurrenceId ? [{ findingId: finding.id, occurrenceId }] : [];
          }),
        );
      }
      // Each fixed at its scan's time, however late that scan is imported.
      await satisfyOccurrencesWithEvidence(
        tx,
        fixed.map((finding) => ({
          occurrenceId: finding.sla_occurrence_id!,
          instant: finding.fixed_at!,
          note: `${finding.vulnerability_id} in ${finding.package_name} fixed: absent from the scan at ${finding.fixed_at!.toISOString()}`,
        })),
      );
    },
    { mayFindNothingToDo: true },
  );
}
