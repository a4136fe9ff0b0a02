import type { AppContext } from '../../platform/context.js';
import { dateInZone } from '../../platform/time/zoned-time.js';
import { formatNonconformanceNumber } from '../nonconformances/nonconformance.schema.js';
import { formatCapaNumber } from './capa.schema.js';
import { capaRepository } from './capa.repository.js';

/** A CAPA as a period's register shows it: its record, and where it stood at the period's end. */
export interface CapaRegisterRow {
  number: string;
  kind: string;
  title: string;
  owner: string;
  nonconformances: string[];
  openedAt: Date;
  openedBy: string;
  rootCauseMethod: string | null;
  rootCause: string;
  actionsAtEnd: number;
  actionsDoneAtEnd: number;
  actionsOverdueAtEnd: number;
  checkPlannedOn: string;
  checkCriteria: string;
  /** The latest signed effectiveness check recorded by the end of the period. */
  checkOutcome: string | null;
  checkNote: string | null;
  checkedAt: Date | null;
  checkedBy: string | null;
  checkSignatureId: string | null;
  /** closed, effective (check passed, not closed yet) or open (not yet found effective). */
  statusAtEnd: 'open' | 'effective' | 'closed';
  closedAt: Date | null;
  closedBy: string | null;
}

const PAGE = 2000;

/**
 * The CAPAs open at some time in [start, end) as recorded by `asOf`, in number order, pages of
 * 2,000: the nonconformances each answers, its analysis, its actions counted as they stood at the
 * end of the period (or `asOf`, if earlier), the effectiveness check signed by then and its status
 * then.
 */
export async function* capaRegisterPages(
  ctx: Pick<AppContext, 'db' | 'config'>,
  window: { start: Date; end: Date; asOf: Date },
): AsyncGenerator<CapaRegisterRow[]> {
  const until = window.end < window.asOf ? window.end : window.asOf;
  const today = dateInZone(until, ctx.config.timezone);
  let afterNumber: number | null = null;
  for (;;) {
    const rows = await capaRepository.openDuring(ctx.db, { ...window, afterNumber, limit: PAGE });
    if (rows.length > 0) {
      const ids = rows.map((row) => row.id);
      const [links, counts] = await Promise.all([
        capaRepository.nonconformancesOf(ctx.db, ids),
        capaRepository.actionCountsAt(ctx.db, ids, until, today),
      ]);
      const countsOf = new Map(counts.map((count) => [count.capa_id, count]));
      yield rows.map((row) => {
        const checked = row.checked_at !== null && row.checked_at <= until;
        const closed = row.closed_at !== null && row.closed_at <= until;
        const count = countsOf.get(row.id);
        return {
          number: formatCapaNumber(row.number),
          kind: row.kind,
          title: row.title,
          owner: row.owner_label,
          nonconformances: links
            .filter((link) => link.capa_id === row.id)
            .map((link) => formatNonconformanceNumber(link.number)),
          openedAt: row.opened_at,
          openedBy: row.opened_by,
          rootCauseMethod: row.root_cause_method,
          rootCause: row.root_cause,
          actionsAtEnd: Number(count?.recorded ?? 0),
          actionsDoneAtEnd: Number(count?.done ?? 0),
          actionsOverdueAtEnd: Number(count?.overdue ?? 0),
          checkPlannedOn: row.check_planned_on,
          checkCriteria: row.check_criteria,
          checkOutcome: checked ? row.check_outcome : null,
          checkNote: checked ? row.check_note : null,
          checkedAt: checked ? row.checked_at : null,
          checkedBy: checked ? row.checked_by : null,
          checkSignatureId: checked ? row.check_signature_id : null,
          statusAtEnd: closed
            ? 'closed'
            : checked && row.check_outcome === 'passed'
              ? 'effective'
              : 'open',
          closedAt: closed ? row.closed_at : null,
          closedBy: closed ? row.closed_by : null,
        };
      });
    }
    if (rows.length < PAGE) return;
    afterNumber = rows[rows.length - 1]!.number;
  }
}

/** CAPAs of a period: opened in it, found effective in it, open at its end (the report's counts). */
export async function countCapasOfPeriod(
  ctx: Pick<AppContext, 'db'>,
  window: { start: Date; end: Date; asOf: Date },
): Promise<{ opened: number; foundEffective: number; openAtEnd: number }> {
  const until = window.end < window.asOf ? window.end : window.asOf;
  const row = await capaRepository.countsOfPeriod(ctx.db, { ...window, until });
  return {
    opened: Number(row.opened),
    foundEffective: Number(row.found_effective),
    openAtEnd: Number(row.open_at_end),
  };
}
