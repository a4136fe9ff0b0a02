import type { Readable } from 'node:stream';
import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { AppContext } from '../../platform/context.js';
import { CsvReadError, readCsvRecords } from '../../platform/csv/read-csv-records.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { applyPersonChanges } from './apply-person-change.js';
import { peopleRepository } from './people.repository.js';
import {
  PEOPLE_CSV_COLUMNS,
  peopleCsvRowSchema,
  REQUIRED_PEOPLE_CSV_COLUMNS,
  type ImportPeopleResult,
  type PersonFields,
} from './person.schema.js';

/** More rows than any workforce register; a larger file is refused, not truncated. */
export const MAX_PEOPLE_ROWS = 100_000;

/** Reads and checks every row; the rows when all are valid, every bad row's issues otherwise. */
async function readPeopleCsv(
  input: Readable | AsyncIterable<Buffer | string>,
): Promise<{ line: number; fields: PersonFields }[]> {
  const rows: { line: number; fields: PersonFields }[] = [];
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  try {
    for await (const { line, cells } of readCsvRecords(input, {
      known: PEOPLE_CSV_COLUMNS,
      required: REQUIRED_PEOPLE_CSV_COLUMNS,
    })) {
      if (rows.length + issues.length >= MAX_PEOPLE_ROWS) {
        throw new AppError('payload_too_large', `The file has more than ${MAX_PEOPLE_ROWS} rows`);
      }
      const parsed = peopleCsvRowSchema.safeParse(cells);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          issues.push({ path: `line ${line}: ${issue.path.join('.')}`, message: issue.message });
        }
        continue;
      }
      const row = parsed.data;
      const earlier = seen.get(row.email);
      if (earlier !== undefined) {
        issues.push({ path: `line ${line}: email`, message: `repeats line ${earlier}` });
        continue;
      }
      seen.set(row.email, line);
      rows.push({
        line,
        fields: {
          userName: row.email,
          email: row.email,
          name: row.name,
          department: row.department ?? '',
          jobTitle: row.job_title ?? '',
          managerEmail: row.manager_email ?? null,
          startDate: row.start_date ?? null,
          endDate: row.end_date ?? null,
          externalId: null,
          active: row.status !== 'left',
        },
      });
    }
  } catch (error) {
    if (!(error instanceof CsvReadError)) throw error;
    issues.push({ path: `line ${error.line}`, message: error.message });
  }
  if (issues.length > 0) {
    throw new AppError(
      'validation_failed',
      `Nothing was imported: ${issues.length} problem(s) in the file`,
      { issues },
    );
  }
  return rows;
}

/**
 * Imports the people register from CSV (docs/access-management.md): every row is checked first and
 * every bad row reported, and nothing is stored unless all are valid. Each row creates or updates
 * the person with that e-mail (idempotent); leavers and role changes start revocation clocks. The
 * stored people are read 1,000 a statement and written set-based (applyPersonChanges).
 */
export async function importPeople(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Actor,
  input: Readable | AsyncIterable<Buffer | string>,
): Promise<ImportPeopleResult> {
  const rows = await readPeopleCsv(input);
  return mutate(
    ctx,
    actor,
    async (tx) => {
      const existing = new Map(
        (
          await peopleRepository.findByUserNames(
            tx.trx,
            rows.map(({ fields }) => fields.userName),
          )
        ).map((row) => [row.user_name, row]),
      );
      const { applied, clocksStarted } = await applyPersonChanges(
        tx,
        { clock: ctx.clock, timezone: ctx.config.timezone },
        rows.map(({ fields }) => {
          const stored = existing.get(fields.userName.toLowerCase()) ?? null;
          return {
            existing: stored,
            // A person the identity provider manages keeps its SCIM identity.
            fields: { ...fields, externalId: stored?.external_id ?? null },
            source: stored?.source === 'scim' ? 'scim' : 'csv',
          };
        }),
      );
      const result: ImportPeopleResult = {
        received: rows.length,
        created: 0,
        updated: 0,
        alreadyRecorded: 0,
        left: 0,
        roleChanged: 0,
        clocksStarted,
      };
      for (const change of applied) {
        if (change.outcome === 'created') result.created += 1;
        else if (change.outcome === 'updated') result.updated += 1;
        else result.alreadyRecorded += 1;
        if (change.left) result.left += 1;
        if (change.roleChanged) result.roleChanged += 1;
      }
      return result;
    },
    { mayFindNothingToDo: true },
  );
}
