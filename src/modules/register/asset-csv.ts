import { parse } from 'csv-parse/sync';
import type { AssetInput, AssetView } from './asset.schema.js';
import { textProblem } from '../../platform/text/text-problems.js';
import { restoreNeutralised, toCsv } from '../../platform/csv/csv.js';

/** The documented columns of the asset CSV (docs/register.md), in export order. */
export const ASSET_CSV_COLUMNS = [
  'key',
  'name',
  'category',
  'purpose',
  'supplier',
  'third_party_managed',
  'environment',
  'configuration_reference',
  'owner_role',
  'owner_person',
  'criticality',
  'criticality_rationale',
  'data_classification',
  'region',
  'lifecycle_status',
  'tags',
  'acceptance_criteria',
  'last_reviewed_on',
  'next_review_due_on',
] as const;
export type AssetCsvColumn = (typeof ASSET_CSV_COLUMNS)[number];

export const REQUIRED_ASSET_CSV_COLUMNS: readonly AssetCsvColumn[] = [
  'key',
  'name',
  'category',
  'environment',
  'owner_role',
  'criticality',
  'data_classification',
];

/** CSV column for each field of the asset input, to report errors by the column the user sees. */
export const COLUMN_BY_FIELD: Record<keyof AssetInput, AssetCsvColumn> = {
  key: 'key',
  name: 'name',
  category: 'category',
  purpose: 'purpose',
  supplierKey: 'supplier',
  thirdPartyManaged: 'third_party_managed',
  environment: 'environment',
  configurationReference: 'configuration_reference',
  ownerRole: 'owner_role',
  ownerPerson: 'owner_person',
  criticality: 'criticality',
  criticalityRationale: 'criticality_rationale',
  dataClassification: 'data_classification',
  region: 'region',
  lifecycleStatus: 'lifecycle_status',
  tags: 'tags',
  acceptanceCriteria: 'acceptance_criteria',
  lastReviewedOn: 'last_reviewed_on',
  nextReviewDueOn: 'next_review_due_on',
};

export interface CsvRecord {
  line: number;
  cells: Partial<Record<AssetCsvColumn, string>>;
}

export class CsvFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * The line on which the record at a byte offset starts, for offsets visited in increasing order.
 * Counted here rather than taken from csv-parse, whose `info.lines` is the line a record ends on
 * and counts a CRLF inside a quoted cell twice, which shifted every later line number.
 */
function lineTracker(source: Buffer): (offset: number) => number {
  let position = 0;
  let line = 1;
  return (offset) => {
    let start = offset;
    // Blank lines before a record are skipped by the parser; the record starts after them.
    while (source[start] === LF || source[start] === CR) start += 1;
    for (; position < start; position += 1) {
      const byte = source[position];
      if (byte === LF || (byte === CR && source[position + 1] !== LF)) line += 1;
    }
    return line;
  };
}

/** Parses CSV text into records keyed by column, checking the header; throws CsvFormatError. */
export function parseAssetCsv(text: string): CsvRecord[] {
  const source = Buffer.from(text, 'utf8');
  const lineAt = lineTracker(source);
  let rows: { record: string[]; info: { bytes: number } }[];
  let parsedBytes = 0;
  try {
    rows = parse(source, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: false,
      on_record: (record, context) => {
        parsedBytes = context.bytes;
        return record;
      },
    }) as unknown as {
      record: string[];
      info: { bytes: number };
    }[];
  } catch (error) {
    // The bad record starts right after the last one parsed (an unclosed quote runs to the end);
    // csv-parse's own line reference is dropped because it counts lines differently.
    const reason = (error as Error).message.replace(/ (?:at|on) line \d+/, '');
    throw new CsvFormatError(lineAt(parsedBytes), `the file is not valid CSV: ${reason}`);
  }
  const header = rows[0];
  if (!header)
    throw new CsvFormatError(1, 'the file is empty: expected a header line with the column names');
  const names = header.record.map((name) => name.trim().toLowerCase());
  const known = new Set<string>(ASSET_CSV_COLUMNS);
  const unknown = names.flatMap((name, index) =>
    known.has(name) ? [] : [name || `(column ${index + 1} has no name)`],
  );
  if (unknown.length > 0) throw new CsvFormatError(1, `unknown column(s): ${unknown.join(', ')}`);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate) throw new CsvFormatError(1, `column ${duplicate} appears twice`);
  const missing = REQUIRED_ASSET_CSV_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0)
    throw new CsvFormatError(1, `missing required column(s): ${missing.join(', ')}`);
  let recordStart = header.info.bytes;
  return rows.slice(1).map(({ record, info }) => {
    const line = lineAt(recordStart);
    recordStart = info.bytes;
    const cells: CsvRecord['cells'] = {};
    names.forEach((name, index) => {
      const cell = record[index] ?? '';
      // No column can hold a NUL (PostgreSQL refuses it): the whole file is refused, by line.
      const problem = textProblem(cell);
      if (problem) throw new CsvFormatError(line, `${name} ${problem}`);
      cells[name as AssetCsvColumn] = restoreNeutralised(cell.trim());
    });
    return { line, cells };
  });
}

/** Writes assets in the import format, so an export can be edited and imported back. */
export function assetsToCsv(assets: AssetView[]): string {
  return toCsv(
    ASSET_CSV_COLUMNS,
    assets.map((asset) => ({
      key: asset.key,
      name: asset.name,
      category: asset.category,
      purpose: asset.purpose,
      supplier: asset.supplierKey ?? '',
      third_party_managed: asset.thirdPartyManaged ? 'true' : 'false',
      environment: asset.environment,
      configuration_reference: asset.configurationReference,
      owner_role: asset.ownerRole,
      owner_person: asset.ownerPerson,
      criticality: asset.criticality,
      criticality_rationale: asset.criticalityRationale,
      data_classification: asset.dataClassification,
      region: asset.region,
      lifecycle_status: asset.lifecycleStatus,
      tags: asset.tags.join(';'),
      acceptance_criteria: asset.acceptanceCriteria,
      last_reviewed_on: asset.lastReviewedOn ?? '',
      next_review_due_on: asset.nextReviewDueOn ?? '',
    })),
  );
}
