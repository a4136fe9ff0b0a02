import type { AppContext } from '../../platform/context.js';
import { ASSET_CSV_COLUMNS } from '../register/asset-csv.js';
import { toCsv } from '../../platform/csv/csv.js';
import { MATRIX_CSV_COLUMNS } from '../register/matrix.service.js';
import {
  effectivenessCsvChunks,
  type EffectivenessReportStream,
} from '../posture/report-effectiveness.js';
import { packRecordsRepository, type PeriodWindow } from './pack-records.repository.js';

/** Rows per query: enough to amortise a round trip, few enough to keep memory flat. */
export const PAGE_ROWS = 2000;

/** Every page of a keyset-paginated query, each starting after the last row of the one before. */
export async function* keysetPages<Row, Key>(
  fetch: (after: Key | null, limit: number) => Promise<Row[]>,
  keyOf: (row: NoInfer<Row>) => Key,
): AsyncGenerator<Row[]> {
  let after: Key | null = null;
  for (;;) {
    const page = await fetch(after, PAGE_ROWS);
    if (page.length > 0) yield page;
    if (page.length < PAGE_ROWS) return;
    after = keyOf(page[page.length - 1]!);
  }
}

const text = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(text).join(';');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
};

/** CSV with a header line, one page of rows at a time, every cell guarded against formulas. */
export async function* csvChunks<Row extends object>(
  columns: readonly (keyof Row & string)[],
  pages: AsyncGenerator<Row[]>,
): AsyncGenerator<string> {
  const asCells = (row: Row) =>
    Object.fromEntries(columns.map((column) => [column, text(row[column])])) as Record<
      string,
      string
    >;
  const header = toCsv(columns, []);
  yield header;
  for await (const page of pages) yield toCsv(columns, page.map(asCells)).slice(header.length);
}

export interface PackRegister {
  /** Path inside the pack. */
  path: string;
  /** What the register shows, for the index. */
  title: string;
  chunks(): AsyncGenerator<string>;
}

/**
 * The registers of a pack as CSV files: what was determined (assets, matrix, suppliers), what was
 * maintained in the period (occurrences, work orders) and the audit events of the period. Each is
 * read page by page when written.
 */
export function packRegisters(
  ctx: Pick<AppContext, 'db'>,
  window: PeriodWindow,
  effectiveness: EffectivenessReportStream,
): PackRegister[] {
  const { db } = ctx;
  const repo = packRecordsRepository;
  return [
    {
      path: 'registers/assets.csv',
      title: 'Asset register (infrastructure determined and provided)',
      chunks: () =>
        csvChunks(
          [...ASSET_CSV_COLUMNS, 'created_at', 'updated_at'],
          keysetPages(
            (after: string | null, limit) => repo.assets(db, after, limit),
            (row) => row.key,
          ),
        ),
    },
    {
      path: 'registers/matrix.csv',
      title: 'Process-to-infrastructure matrix',
      chunks: () =>
        csvChunks(
          MATRIX_CSV_COLUMNS,
          keysetPages(
            (after: string | null, limit) => repo.matrix(db, after, limit),
            (row) => row.id,
          ),
        ),
    },
    {
      path: 'registers/suppliers.csv',
      title: 'Suppliers (third-party infrastructure)',
      chunks: () =>
        csvChunks(
          [
            'key',
            'name',
            'services',
            'contract_reference',
            'escalation_contact',
            'certifications',
            'notes',
          ],
          keysetPages(
            (after: string | null, limit) => repo.suppliers(db, after, limit),
            (row) => row.key,
          ),
        ),
    },
    {
      path: 'registers/occurrences.csv',
      title: 'Occurrences due in the period (status, performer, verifier, evidence, exceptions)',
      chunks: () => effectivenessCsvChunks(effectiveness),
    },
    {
      path: 'registers/work-orders.csv',
      title: 'Work orders open during the period',
      chunks: () =>
        csvChunks(
          [
            'number',
            'kind',
            'title',
            'status',
            'control_key',
            'asset_key',
            'period_key',
            'owner_role',
            'performer_label',
            'completed_at',
            'completion_note',
            'created_at',
          ],
          keysetPages(
            (after: number | null, limit) => repo.workOrders(db, window, after, limit),
            (row) => row.number,
          ),
        ),
    },
    {
      path: 'registers/closeout-overrides.csv',
      title:
        'Exceptions: closeouts signed over what an automatic source recorded (failed runs, no success)',
      chunks: () =>
        csvChunks(
          [
            'work_order_number',
            'control_key',
            'asset_key',
            'period_key',
            'overridden_at',
            'signer_label',
            'signer_role',
            'signature_method',
            'signed_record_sha256',
            'justification',
          ],
          keysetPages(
            (after: string | null, limit) => repo.closeoutOverrides(db, window, after, limit),
            (row) => row.seq,
          ),
        ),
    },
    {
      path: 'registers/audit-events.csv',
      title: 'Audit events of the period (hash-chained)',
      chunks: () =>
        csvChunks(
          [
            'seq',
            'id',
            'occurred_at',
            'actor_type',
            'actor_label',
            'action',
            'entity_type',
            'entity_id',
            'hash',
          ],
          keysetPages(
            (after: string | null, limit) => repo.auditEvents(db, window, after, limit),
            (row) => row.seq,
          ),
        ),
    },
  ];
}
