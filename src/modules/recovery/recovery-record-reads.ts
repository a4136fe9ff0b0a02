import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import { notFound } from '../../platform/errors.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import type { Principal } from '../../platform/http/principal.js';
import type { RecoveryRecordType } from './attach-recovery-evidence.js';
import { recoveryRecordParts } from './recovery-record-parts.js';
import { recoveryAbilities } from './recovery-signing-rule.js';

/** A recovery record's place in its list: (finishedAt, number), latest first. */
const recoveryRecordKey = z.tuple([cursorInstant, z.number().int()]);

/** What every recovery record row (restore test, DR exercise) has for its list and detail. */
interface RecoveryRecordRow {
  number: number;
  status: string;
  finished_at: Date;
  satisfied_occurrences: { occurrenceId: string; controlKey: string; periodKey: string }[];
}

/** How one kind of recovery record is read and shown: the part that differs between kinds. */
export interface RecoveryRecordReads<Row extends RecoveryRecordRow, View> {
  type: RecoveryRecordType;
  /** As a sentence names it ("a restore test cannot be verified by its own performer"). */
  noun: string;
  /** As "not found" names it. */
  title: string;
  byIds: (db: Kysely<Database>, ids: string[]) => Promise<Row[]>;
  performerIdOf: (row: Row) => string;
  toView: (row: Row) => View;
}

/**
 * A page of recovery records, latest first: the cursor decoded into the keyset the repository
 * continues after, one row more read than the page holds.
 */
export async function recoveryRecordPage<Row extends RecoveryRecordRow, View>(
  page: { cursor?: string | undefined; limit: number },
  read: (keyset: {
    after: { finishedAt: Date; number: number } | undefined;
    limit: number;
  }) => Promise<Row[]>,
  toView: (row: Row) => View,
): Promise<Page<View>> {
  const after =
    page.cursor === undefined ? undefined : decodeCursor(page.cursor, recoveryRecordKey);
  const rows = await read({
    after: after && { finishedAt: after[0], number: after[1] },
    limit: page.limit + 1,
  });
  return pageFromRows(
    rows,
    page.limit,
    (row) => [row.finished_at.toISOString(), row.number],
    toView,
  );
}

/**
 * One recovery record with its evidence, its deficiencies as they stand, what it satisfied, and
 * whether the caller may verify it.
 */
export async function recoveryRecordDetail<Row extends RecoveryRecordRow, View>(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  reads: RecoveryRecordReads<Row, View>,
  id: string,
  caller: Principal | null,
) {
  const [row] = await reads.byIds(ctx.db, [id]);
  if (!row) throw notFound(reads.title);
  return {
    ...reads.toView(row),
    ...(await recoveryRecordParts(ctx, reads.type, id)),
    satisfiedOccurrences: row.satisfied_occurrences,
    abilities: recoveryAbilities(
      caller,
      { status: row.status, performerId: reads.performerIdOf(row) },
      reads.noun,
    ),
  };
}
