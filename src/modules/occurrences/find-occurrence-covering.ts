import type { AppContext } from '../../platform/context.js';
import { occurrenceRepository } from './occurrence.repository.js';
import {
  occurrenceStatusAt,
  type OccurrenceEventKind,
  type OccurrenceStatus,
} from './occurrence-status.js';

/** An occurrence as the modules that satisfy one from their own records see it. */
export interface CoveringOccurrence {
  id: string;
  controlKey: string;
  /** `''` for an organisation-wide control. */
  assetKey: string;
  periodKey: string;
  opensAt: Date;
  dueAt: Date;
  closesAt: Date;
  /** Its status at `statusAt` (default now), from its window and the events recorded by then. */
  status: OccurrenceStatus;
}

/**
 * "The occurrence of control C for asset A covering instant t": the one occurrence whose period
 * holds t, or null when none was generated for it. Backups, recovery and every record that
 * satisfies an occurrence use this one lookup, not a list with a guessed window.
 */
export async function findOccurrenceCovering(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  query: { control: string; asset: string | null; instant: Date; statusAt?: Date },
): Promise<CoveringOccurrence | null> {
  const row = await occurrenceRepository.covering(ctx.db, {
    controlKey: query.control,
    assetKey: query.asset ?? '',
    instant: query.instant,
  });
  if (!row) return null;
  const statusAt = query.statusAt ?? ctx.clock.now();
  const events = await occurrenceRepository.events(ctx.db, row.id);
  const window = { opensAt: row.opens_at, dueAt: row.due_at, closesAt: row.closes_at };
  return {
    id: row.id,
    controlKey: row.control_key,
    assetKey: row.asset_key,
    periodKey: row.period_key,
    opensAt: row.opens_at,
    dueAt: row.due_at,
    closesAt: row.closes_at,
    status: occurrenceStatusAt(
      window,
      events
        .filter((event) => event.at <= statusAt)
        .map((event) => ({ kind: event.kind as OccurrenceEventKind, at: event.at })),
      statusAt,
    ),
  };
}
