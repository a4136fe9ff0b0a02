import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type SqlBool,
  type StringReference,
} from 'kysely';

/** A period of a register, and how far the records are believed: what was recorded by `asOf`. */
export interface RegisterWindow {
  start: Date;
  end: Date;
  asOf: Date;
}

/**
 * "Open at some time in [start, end) as recorded by `asOf`": opened before the period ended and
 * by `asOf`, not closed before it began. The one reading of a register's period for every record
 * that opens and closes (nonconformances, CAPAs, incidents).
 */
export function openDuring<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  columns: { opened: StringReference<DB, TB>; closed: StringReference<DB, TB> },
  window: RegisterWindow,
): Expression<SqlBool> {
  const opened = eb.ref(columns.opened);
  const closed = eb.ref(columns.closed);
  return sql<SqlBool>`(${opened} < ${window.end} and ${opened} <= ${window.asOf}
    and (${closed} is null or ${closed} >= ${window.start}))`;
}
