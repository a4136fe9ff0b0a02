import { loadConfig } from '../src/app/config.js';
import { startPlumbline } from '../src/app/start.js';
import {
  effectivenessCsvLines,
  effectivenessJsonRows,
} from '../src/modules/posture/effectiveness-text.js';
import {
  EFFECTIVENESS_CSV_COLUMNS,
  openEffectivenessReport,
  reportRow,
  type ControlPage,
} from '../src/modules/posture/report-effectiveness.js';
import { toCsv } from '../src/modules/register/csv.js';
import { FixedClock } from '../src/platform/clock.js';
import { openDatabase } from '../src/platform/db/connect.js';

/*
 * `PLUMBLINE_BENCH_DATABASE_URL=… npx tsx bench/effectiveness-text.ts SCHEMA`: on a schema kept by
 * `bench/posture-run.ts --keep-schema`, reads the SOC 2 report of 2026 once, then writes its rows
 * as JSON and CSV text the way the report did before (an object per row, JSON.stringify / toCsv)
 * and the way it does now (effectiveness-text.ts), alternating, so both see the same load.
 */
const schema = process.argv[2];
const url = process.env.PLUMBLINE_BENCH_DATABASE_URL;
if (!schema || !url)
  throw new Error('Usage: PLUMBLINE_BENCH_DATABASE_URL=… effectiveness-text.ts SCHEMA');
const database = await openDatabase({ kind: 'postgresql', url, schema, poolSize: 4 });
const running = await startPlumbline({
  config: loadConfig({
    PLUMBLINE_LOG_LEVEL: 'silent',
    PLUMBLINE_SCHEDULER: 'false',
    PLUMBLINE_TIMEZONE: 'Europe/Berlin',
  }),
  database,
  webRoot: '',
  clock: new FixedClock('2026-12-10T09:00:00Z'),
});
try {
  const stream = await openEffectivenessReport(running.ctx, {
    framework: 'soc2',
    from: '2026-01-01',
    to: '2026-12-31',
  });
  const pages: ControlPage[] = [];
  let started = performance.now();
  for await (const page of stream.controlPages()) pages.push(page);
  const rows = pages.reduce((sum, page) => sum + page.rows.length, 0);
  console.log(`read ${rows} rows in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  const header = toCsv(EFFECTIVENESS_CSV_COLUMNS, []);
  const writers: Record<string, (page: ControlPage) => string> = {
    'JSON, object per row (before)': (page) =>
      page.rows.map((row) => JSON.stringify(reportRow(row, page.control))).join(','),
    'JSON, text (now)': (page) => effectivenessJsonRows(page.control, page.rows),
    'CSV, object per row (before)': (page) =>
      toCsv(
        EFFECTIVENESS_CSV_COLUMNS,
        page.rows.map((row) => {
          const r = reportRow(row, page.control);
          return {
            control_key: r.controlKey,
            control_title: r.controlTitle,
            requirement_keys: r.requirementKeys.join(';'),
            period_key: r.periodKey,
            asset_key: r.assetKey,
            opens_at: r.opensAt,
            due_at: r.dueAt,
            status: r.status,
            completed_at: r.completedAt ?? '',
            performer: r.performer ?? '',
            verified_at: r.verifiedAt ?? '',
            verifier: r.verifier ?? '',
            evidence_count: String(r.evidenceCount),
            exceptions: r.exceptions.join(';'),
          };
        }),
      ).slice(header.length),
    'CSV, text (now)': (page) => effectivenessCsvLines(page.control, page.rows),
  };
  for (const round of [1, 2]) {
    for (const [name, write] of Object.entries(writers)) {
      started = performance.now();
      let bytes = 0;
      for (const page of pages) bytes += write(page).length;
      console.log(
        `round ${round} ${name}: ${((performance.now() - started) / 1000).toFixed(2)} s (${Math.round(bytes / 1e6)} MB)`,
      );
    }
  }
} finally {
  await running.close();
}
