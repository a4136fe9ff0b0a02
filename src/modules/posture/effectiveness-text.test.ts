import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OCCURRENCE_STATUSES } from '../occurrences/occurrence-status.js';
import { toCsv } from '../register/csv.js';
import { effectivenessCsvLines, effectivenessJsonRows } from './effectiveness-text.js';
import type { EffectivenessRow, FrameworkControlRow } from './posture.repository.js';
import { EFFECTIVENESS_CSV_COLUMNS, reportRow } from './report-effectiveness.js';

/** Text a person could type, and the characters JSON and CSV must escape or guard. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '=cmd', '+1', "'=x", "''+y", 'a,b', 'q"uote', 'line\nbreak', '\r', '-2'),
  fc.constantFrom('@x', '\t1', 'ｆ', '\u2028', '\ud800', 'café', '\\', '</script>'),
);
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
});

describe('effectiveness report text', () => {
  it('writes exactly the JSON that JSON.stringify writes of the report rows', () => {
    fc.assert(
      fc.property(control, fc.array(row, { maxLength: 6 }), (owner, rows) => {
        const expected = rows.map((each) => JSON.stringify(reportRow(each, owner))).join(',');
        expect(effectivenessJsonRows(owner, rows)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('writes exactly the CSV lines that toCsv writes of the report rows', () => {
    const header = toCsv(EFFECTIVENESS_CSV_COLUMNS, []);
    fc.assert(
      fc.property(control, fc.array(row, { maxLength: 6 }), (owner, rows) => {
        const expected = toCsv(
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
            };
          }),
        ).slice(header.length);
        expect(effectivenessCsvLines(owner, rows)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
