import { sql } from 'kysely';
import { z } from 'zod';
import { AppError, type AppErrorCode } from '../errors.js';
import type { Actor } from './actor.js';
import { mutate, type AuditedTransaction, type MutationDeps } from './mutate.js';

/**
 * A row's outcome in an all-or-nothing bulk change: `done` (written), `refused` (with its reason,
 * so nothing at all was written) or `held` (it could have been done, but another row was refused).
 */
export const EACH_OR_NONE_OUTCOMES = ['done', 'refused', 'held'] as const;
export type EachOrNoneOutcome = (typeof EACH_OR_NONE_OUTCOMES)[number];

export interface EachOrNoneResult {
  id: string;
  outcome: EachOrNoneOutcome;
  /** Why a row was refused; null otherwise. */
  reason: string | null;
}

export interface EachOrNoneReport {
  /** True when every row was written; false when nothing was. */
  applied: boolean;
  results: EachOrNoneResult[];
  counts: Record<EachOrNoneOutcome, number>;
}

/** The answer of an all-or-nothing bulk route, for its response schema. */
export const eachOrNoneReportSchema = z.object({
  applied: z.boolean().describe('true: every row was written; false: none was'),
  results: z
    .array(
      z.object({
        id: z.string(),
        outcome: z
          .enum(EACH_OR_NONE_OUTCOMES)
          .describe(
            'done: written; refused: this row could not be done (so nothing was written); held: could be done, not written because another row was refused',
          ),
        reason: z.string().nullable().describe('Why the row was refused'),
      }),
    )
    .describe('One per row, in the order given'),
  counts: z.object({ done: z.number(), refused: z.number(), held: z.number() }),
});

/** The refusals a row may meet: what the use case says of that record, not a fault. */
const ROW_REFUSALS: ReadonlySet<AppErrorCode> = new Set(['not_found', 'conflict']);

/** Thrown inside the transaction to roll it back once a row is refused; never escapes. */
class RowsRefused extends Error {
  constructor(readonly results: EachOrNoneResult[]) {
    super('A row of an all-or-nothing change was refused');
  }
}

const counted = (results: readonly EachOrNoneResult[]): EachOrNoneReport['counts'] => ({
  done: results.filter((result) => result.outcome === 'done').length,
  refused: results.filter((result) => result.outcome === 'refused').length,
  held: results.filter((result) => result.outcome === 'held').length,
});

/**
 * Applies one change to many records in one transaction, all or nothing: `applyOne` (the single
 * record's use case, given the open transaction) runs for each id in turn; a row it refuses with a
 * 404 or 409 `AppError` (not found, not in a state that allows it) is reported with its reason
 * and the others still run, so the caller learns every refusal at once. If any row was refused,
 * the transaction is rolled back and no row is written; otherwise every row and its audit
 * entries commit together. An id named twice is refused at its second mention. Any other error
 * is not a refusal and is thrown as it is.
 */
export async function mutateEachOrNone(
  deps: MutationDeps,
  actor: Actor,
  ids: readonly string[],
  applyOne: (tx: AuditedTransaction, id: string) => Promise<unknown>,
): Promise<EachOrNoneReport> {
  try {
    const results = await mutate(deps, actor, async (tx) => {
      const results: EachOrNoneResult[] = [];
      const seen = new Set<string>();
      for (const id of ids) {
        if (seen.has(id)) {
          results.push({ id, outcome: 'refused', reason: 'Named earlier in this request' });
          continue;
        }
        seen.add(id);
        // A savepoint per row: a row refused after a failed statement (a constraint the use case
        // reports as a conflict) must not leave the transaction aborted for the rows after it.
        await sql`savepoint each_or_none_row`.execute(tx.trx);
        try {
          await applyOne(tx, id);
          await sql`release savepoint each_or_none_row`.execute(tx.trx);
          results.push({ id, outcome: 'done', reason: null });
        } catch (error) {
          if (!(error instanceof AppError) || !ROW_REFUSALS.has(error.code)) throw error;
          await sql`rollback to savepoint each_or_none_row`.execute(tx.trx);
          results.push({ id, outcome: 'refused', reason: error.message });
        }
      }
      if (results.some((result) => result.outcome === 'refused')) throw new RowsRefused(results);
      return results;
    });
    return { applied: true, results, counts: counted(results) };
  } catch (error) {
    if (!(error instanceof RowsRefused)) throw error;
    const results = error.results.map((result): EachOrNoneResult =>
      result.outcome === 'done' ? { ...result, outcome: 'held' } : result,
    );
    return { applied: false, results, counts: counted(results) };
  }
}
