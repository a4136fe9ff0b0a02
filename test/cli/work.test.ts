import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import type { WorkOrderDetail } from '../../src/modules/work-orders/work-order.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { plumbline, temporaryDirectory, type CliResult } from './cli-harness.js';

describe('plumbline occurrences and work against a running server', () => {
  let t: TestApp;
  let url: string;
  let engineerToken: string;
  let viewerToken: string;
  const clock = new FixedClock('2026-03-01T08:00:00Z');
  const files = temporaryDirectory('plumbline-work-');
  const as = (token: string, argv: string[]): Promise<CliResult> =>
    plumbline(['--url', url, '--token', token, ...argv]);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    engineerToken = await t.tokenFor('engineering');
    viewerToken = await t.tokenFor('viewer');
    await generateOccurrences(t.ctx, {
      from: new Date('2026-03-01T00:00:00Z'),
      until: new Date('2026-04-01T00:00:00Z'),
    });
  });
  afterAll(async () => {
    await t.close();
    files.remove();
  });

  async function dueEngineeringOccurrence(): Promise<OccurrenceView> {
    const result = await as(engineerToken, [
      '--json',
      'occurrences',
      '--status',
      'due',
      '--owner-role',
      'engineering',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const items = JSON.parse(result.stdout) as OccurrenceView[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((item) => item.status === 'due' && item.ownerRole === 'engineering')).toBe(
      true,
    );
    return items[0]!;
  }

  it('lists every occurrence, or one page with --limit and the next cursor on stderr', async () => {
    const all = await as(engineerToken, ['--json', 'occurrences']);
    expect(all).toMatchObject({ code: 0, stderr: '' });
    const everyId = (JSON.parse(all.stdout) as OccurrenceView[]).map((item) => item.id);
    expect(everyId.length).toBeGreaterThan(20);
    const walked: string[] = [];
    let cursor: string[] = [];
    for (;;) {
      const page = await as(engineerToken, ['--json', 'occurrences', '--limit', '20', ...cursor]);
      expect(page.code).toBe(0);
      walked.push(...(JSON.parse(page.stdout) as OccurrenceView[]).map((item) => item.id));
      const next = /More rows follow: --cursor (\S+)/.exec(page.stderr);
      if (!next) break;
      cursor = ['--cursor', next[1]!];
    }
    expect(walked).toEqual(everyId);
  });

  it('lists occurrences as a table with their status', async () => {
    const result = await as(engineerToken, ['occurrences', '--status', 'due', '--limit', '5']);
    expect(result.code).toBe(0);
    const [header, ...rows] = result.stdout.trim().split('\n');
    expect(header).toMatch(/CONTROL\s+PERIOD\s+ASSET\s+DUE AT\s+STATUS/);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.trimEnd().endsWith('due'))).toBe(true);
  });

  it('takes dates as days in the organisation time zone: --due-before to the end of that day', async () => {
    const ids = async (argv: string[]) => {
      const result = await as(engineerToken, ['--json', 'occurrences', ...argv]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      return (JSON.parse(result.stdout) as OccurrenceView[]).map((item) => item.id);
    };
    // The test organisation is in Berlin (summer time from 29 March): 31 March ends at 22:00 UTC,
    // and March's monthly work, due at the midnight that ends it, is that day's deadline.
    const byDate = await ids(['--due-before', '2026-03-31']);
    expect(byDate.length).toBeGreaterThan(0);
    expect(byDate).toEqual(await ids(['--due-before', '2026-03-31T22:00:00.001Z']));
    expect(byDate).not.toEqual(await ids(['--due-before', '2026-03-31T22:00:00Z']));
    const fromDate = await ids(['--due-from', '2026-03-07']);
    expect(fromDate).toEqual(await ids(['--due-from', '2026-03-06T23:00:00Z']));
    const atDate = await ids(['--at', '2026-03-07', '--status', 'overdue']);
    expect(atDate).toEqual(await ids(['--at', '2026-03-07T23:00:00Z', '--status', 'overdue']));

    const impossible = await as(engineerToken, ['occurrences', '--due-before', '2026-02-30']);
    expect(impossible.code).toBe(2);
    expect(impossible.stderr).toContain('--due-before 2026-02-30 is not a calendar date');
  });

  it('starts, attaches evidence to and completes a work order by its number', async () => {
    const occurrence = await dueEngineeringOccurrence();
    const started = await as(engineerToken, ['--json', 'work', 'start', occurrence.id]);
    expect(started).toMatchObject({ code: 0, stderr: '' });
    const order = JSON.parse(started.stdout) as WorkOrderDetail;
    expect(order).toMatchObject({ status: 'in_progress', occurrenceId: occurrence.id });
    expect(order.number).toMatch(/^WO-\d{6}$/);

    const evidencePath = path.join(files.path, 'patch-report.txt');
    fs.writeFileSync(evidencePath, 'all hosts patched\n');
    const attached = await as(engineerToken, ['work', 'attach', order.number, evidencePath]);
    expect(attached).toMatchObject({ code: 0, stderr: '' });
    expect(attached.stdout).toMatch(
      /^Attached patch-report\.txt \(18 bytes, sha256 [0-9a-f]{64}\)/,
    );

    const wrongItem = await as(engineerToken, ['work', 'tick', order.number, '99']);
    expect(wrongItem.code).toBe(2);
    expect(wrongItem.stderr).toContain('has no checklist item 99');
    const ticked = await as(engineerToken, ['work', 'tick', order.number, '--all']);
    expect(ticked).toMatchObject({ code: 0, stderr: '' });
    expect(ticked.stdout).not.toContain('[ ]');
    expect(ticked.stdout).toContain('[x]');

    const completed = await as(engineerToken, [
      'work',
      'complete',
      order.number.toLowerCase(),
      '--note',
      'Patched via the pipeline',
    ]);
    expect(completed).toMatchObject({ code: 0, stderr: '' });
    expect(completed.stdout).toContain(`${order.number}  `);
    expect(completed.stdout).toContain('status done');
    expect(completed.stdout).toContain('patch-report.txt  18 bytes');

    const listed = await as(engineerToken, ['--json', 'work', 'list', '--status', 'done']);
    expect(JSON.parse(listed.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ number: order.number, status: 'done' })]),
    );
  });

  it('names an unknown work order and refuses a viewer', async () => {
    const unknown = await as(engineerToken, ['work', 'show', 'WO-999999']);
    expect(unknown).toMatchObject({ code: 1, stderr: 'No work order WO-999999\n' });
    const occurrence = await dueEngineeringOccurrence();
    const refused = await as(viewerToken, ['work', 'start', occurrence.id]);
    expect(refused.code).toBe(3);
  });
});
