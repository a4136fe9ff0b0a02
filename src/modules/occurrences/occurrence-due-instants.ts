import type { AppContext } from '../../platform/context.js';
import { occurrenceRepository } from './occurrence.repository.js';

/**
 * When each of the given occurrences is due, by id (unknown ids are left out): what a record that
 * started a clock (an incident's conformity decision) shows as its deadline.
 */
export async function occurrenceDueInstants(
  ctx: Pick<AppContext, 'db'>,
  occurrenceIds: readonly string[],
): Promise<Map<string, Date>> {
  const rows = await occurrenceRepository.dueInstantsOf(ctx.db, occurrenceIds);
  return new Map(rows.map((row) => [row.id, row.due_at]));
}
