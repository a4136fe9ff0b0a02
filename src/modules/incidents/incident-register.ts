import type { AppContext } from '../../platform/context.js';
import { formatNonconformanceNumber } from '../nonconformances/nonconformance.schema.js';
import { formatIncidentNumber, type ConformityOutcome } from './incident.schema.js';
import { statusAfterEntry, type IncidentSeverity, type IncidentStatus } from './incident-status.js';
import { incidentRepository } from './incidents.repository.js';

/** An incident as a period's register shows it: its facts, and where it stood at the period's end. */
export interface IncidentRegisterRow {
  number: string;
  title: string;
  severity: IncidentSeverity;
  detectionSource: string;
  detectedAt: Date;
  openedAt: Date;
  openedBy: string;
  assets: string[];
  processes: string[];
  statusAtEnd: IncidentStatus;
  /** Only when it was closed by the end of the period. */
  closedAt: Date | null;
  decisionDueAt: Date | null;
  /** The signed conformity decision, only when recorded by the end of the period. */
  decision: ConformityOutcome | null;
  decisionRationale: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  decisionSignatureId: string | null;
  /** Decided by its due instant; false when undecided past it; null when still pending. */
  decisionOnTime: boolean | null;
  nonconformance: string | null;
  /** The post-incident review of an incident closed by the end (it cannot change once closed). */
  postIncidentReview: string | null;
}

const PAGE = 2000;

/**
 * The incidents open at some time in [start, end) as recorded by `asOf`, in number order, pages of
 * 2,000, each with its status, conformity decision and nonconformance as they stood at the end of
 * the period (or at `asOf`, if earlier): a later decision or closure is not shown.
 */
export async function* incidentRegisterPages(
  ctx: Pick<AppContext, 'db'>,
  window: { start: Date; end: Date; asOf: Date },
): AsyncGenerator<IncidentRegisterRow[]> {
  const until = window.end < window.asOf ? window.end : window.asOf;
  const known = (at: Date | null) => (at !== null && at <= until ? at : null);
  let afterNumber: number | null = null;
  for (;;) {
    const rows = await incidentRepository.openDuring(ctx.db, {
      ...window,
      afterNumber,
      limit: PAGE,
    });
    if (rows.length > 0) {
      const ids = rows.map((row) => row.id);
      const [assets, processes, entries] = await Promise.all([
        incidentRepository.assetsOf(ctx.db, ids),
        incidentRepository.processesOf(ctx.db, ids),
        incidentRepository.statusEntriesUpTo(ctx.db, ids, until),
      ]);
      const statusAtEnd = new Map<string, IncidentStatus>();
      for (const entry of entries) {
        const to = statusAfterEntry(entry.text);
        if (to) statusAtEnd.set(entry.incident_id, to);
      }
      yield rows.map((row) => {
        const decidedAt = known(row.decided_at);
        const dueAt = row.decision_due_at;
        return {
          number: formatIncidentNumber(row.number),
          title: row.title,
          severity: row.severity as IncidentSeverity,
          detectionSource: row.detection_source,
          detectedAt: row.detected_at,
          openedAt: row.opened_at,
          openedBy: row.opened_by,
          assets: assets.filter((asset) => asset.incident_id === row.id).map(({ key }) => key),
          processes: processes
            .filter((process) => process.incident_id === row.id)
            .map(({ key }) => key),
          statusAtEnd: statusAtEnd.get(row.id) ?? 'open',
          closedAt: known(row.closed_at),
          decisionDueAt: dueAt,
          decision: decidedAt ? (row.decision as ConformityOutcome) : null,
          decisionRationale: decidedAt ? row.decision_rationale : null,
          decidedAt,
          decidedBy: decidedAt ? row.decided_by : null,
          decisionSignatureId: decidedAt ? row.decision_signature_id : null,
          decisionOnTime: decidedAt
            ? dueAt === null || decidedAt <= dueAt
            : dueAt !== null && dueAt < until
              ? false
              : null,
          nonconformance:
            decidedAt && row.nonconformance_number !== null
              ? formatNonconformanceNumber(row.nonconformance_number)
              : null,
          postIncidentReview: known(row.closed_at) ? row.post_incident_review : null,
        };
      });
    }
    if (rows.length < PAGE) return;
    afterNumber = rows[rows.length - 1]!.number;
  }
}

/** How a period's incidents stood at its end (or `asOf`, if earlier): the effectiveness report's counts. */
export interface IncidentCounts {
  /** Opened in the period. */
  opened: number;
  /** Of those, with the signed conformity decision recorded by the end. */
  decided: number;
  decidedOnTime: number;
  withImpact: number;
  /** Not decided by the end although the decision was due before it. */
  undecidedPastDue: number;
}

/** The incidents opened in [start, end) as recorded by `asOf`, counted at the period's end. */
export async function countIncidentsOfPeriod(
  ctx: Pick<AppContext, 'db'>,
  window: { start: Date; end: Date; asOf: Date },
): Promise<IncidentCounts> {
  const until = window.end < window.asOf ? window.end : window.asOf;
  const row = await incidentRepository.countsOfPeriod(ctx.db, { ...window, until });
  return {
    opened: Number(row.opened),
    decided: Number(row.decided),
    decidedOnTime: Number(row.decided_on_time),
    withImpact: Number(row.with_impact),
    undecidedPastDue: Number(row.undecided_past_due),
  };
}
