import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { OCCURRENCE_STATUSES } from '../occurrences/occurrence-status.js';
import { parse } from 'csv-parse/sync';
import { riskyCell, startsAFormula } from '../../../test/support/csv-cells.js';
import { neutraliseFormula, toCsv } from '../../platform/csv/csv.js';
import { controlRowHead, type EffectivenessTextFormat } from './effectiveness-text.js';
import { effectivenessRowText } from './effectiveness-text.repository.js';
import type { EffectivenessRow, FrameworkControlRow } from './posture.repository.js';
import { EFFECTIVENESS_CSV_COLUMNS, reportRow } from './report-effectiveness.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text a person could type, and the characters JSON and CSV must escape or guard; only what the
 * database can hold (no NUL, no lone surrogate), as labels and keys always come from it.
 */
const text = fc
  .oneof(
    fc.string({ unit: 'binary' }),
    fc.constantFrom('', '=cmd', '+1', "'=x", "''+y", 'a,b', 'q"uote', 'line\nbreak', '\r', '-2'),
    fc.constantFrom('@x', '\t1', "'", "'a", 'ｆ', '\u2028', '\u001f', 'café', '\\', '</script>'),
    fc.constantFrom('a\n=b', 'x\r+1', '\r\n@y', "n\n'-2", '\r\r=z', 'ok\nfine'),
    riskyCell,
  )
  .filter((value) => !value.includes('\0') && !LONE_SURROGATE.test(value));
const instant = fc
  .date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2030-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());

const control = fc.record<FrameworkControlRow>({
  id: fc.uuid(),
  key: text,
  title: text,
  requirement_keys: fc.array(text, { maxLength: 3 }),
});
const row = fc.record<EffectivenessRow>({
  period_key: text,
  asset_key: text,
  opens_at: instant,
  due_at: instant,
  status: fc.constantFrom(...OCCURRENCE_STATUSES),
  completed_at: fc.option(instant),
  performer: fc.option(text),
  verified_at: fc.option(instant),
  verifier: fc.option(text),
  evidence_count: fc.nat({ max: 1000 }),
  missed: fc.boolean(),
  late: fc.boolean(),
  unverified: fc.boolean(),
  late_evidence: fc.boolean(),
});

/** What toCsv writes of the report rows, without its header line. */
function csvOf(owner: FrameworkControlRow, rows: EffectivenessRow[]): string {
  const header = toCsv(EFFECTIVENESS_CSV_COLUMNS, []);
  return toCsv(
    EFFECTIVENESS_CSV_COLUMNS,
    rows.map((each) => {
      const report = reportRow(each, owner);
      return {
        control_key: report.controlKey,
        control_title: report.controlTitle,
        requirement_keys: report.requirementKeys.join(';'),
        period_key: report.periodKey,
        asset_key: report.assetKey,
        opens_at: report.opensAt,
        due_at: report.dueAt,
        status: report.status,
        completed_at: report.completedAt ?? '',
        performer: report.performer ?? '',
        verified_at: report.verifiedAt ?? '',
        verifier: report.verifier ?? '',
        evidence_count: String(report.evidenceCount),
        exceptions: report.exceptions.join(';'),
        late_evidence: String(report.lateEvidence),
      };
    }),
  ).slice(header.length);
}

describe('effectiveness report text written by the database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** The rows through the report's text expression, joined as a page joins them. */
  async function written(
    format: EffectivenessTextFormat,
    owner: FrameworkControlRow,
    rows: EffectivenessRow[],
  ): Promise<string> {
    const numbered = rows.map((each, index) => ({
      ...each,
      opens_at_iso: each.opens_at,
      due_at_iso: each.due_at,
      completed_at_iso: each.completed_at,
      verified_at_iso: each.verified_at,
      n: index,
    }));
    const result = await sql<{ text: string }>`
      select coalesce(string_agg(${effectivenessRowText(format, controlRowHead(format, owner))},
          ${format === 'json' ? ',' : ''} order by n), '') as text
      from jsonb_to_recordset(${JSON.stringify(numbered)}::jsonb) as report_row(n int,
        period_key text, asset_key text, opens_at_iso text, due_at_iso text, status text,
        completed_at_iso text, performer text, verified_at_iso text, verifier text,
        evidence_count int, missed boolean, late boolean, unverified boolean,
        late_evidence boolean)`.execute(t.ctx.db);
    return result.rows[0]!.text;
  }

  it('writes exactly the JSON that JSON.stringify writes of the report rows', async () => {
    await fc.assert(
      fc.asyncProperty(control, fc.array(row, { maxLength: 6 }), async (owner, rows) => {
        const expected = rows.map((each) => JSON.stringify(reportRow(each, owner))).join(',');
        expect(await written('json', owner, rows)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('writes exactly the CSV lines that toCsv writes of the report rows', async () => {
    await fc.assert(
      fc.asyncProperty(control, fc.array(row, { maxLength: 6 }), async (owner, rows) => {
        expect(await written('csv', owner, rows)).toBe(csvOf(owner, rows));
      }),
      { numRuns: 300 },
    );
  });

  it('writes CSV whose parsed cells are the neutralised values, none starting a formula on any line', async () => {
    const risky = fc.record({ performer: riskyCell, verifier: riskyCell });
    await fc.assert(
      fc.asyncProperty(control, row, risky, async (owner, each, people) => {
        const header = toCsv(EFFECTIVENESS_CSV_COLUMNS, []);
        const text = await written('csv', owner, [{ ...each, ...people }]);
        const [parsed] = parse<Record<string, string>>(header + text, { columns: true });
        expect(parsed?.performer).toBe(neutraliseFormula(people.performer));
        expect(parsed?.verifier).toBe(neutraliseFormula(people.verifier));
        for (const cell of Object.values(parsed ?? {})) expect(startsAFormula(cell)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
