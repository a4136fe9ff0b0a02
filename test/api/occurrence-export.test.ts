import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/platform/clock.js';
import { MAX_SELECTED_IDS } from '../../src/platform/http/csv-download.js';
import { openPatchOccurrence, signedInPerson } from '../support/factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { auditorEngagedForMarch } from './auditor.fixtures.js';

const EXPORT = '/api/v1/occurrences/export.csv';

/** The CSV's lines (no cell of these holds a line break). */
function lines(body: string): string[] {
  return body.trimEnd().split('\n');
}

describe('exporting selected occurrences as CSV', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  let admin: string;
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  /** An occurrence of its own (a critical patch for a new asset), released at `at`. */
  async function occurrence(at: string): Promise<{ id: string; key: string }> {
    serial += 1;
    const key = `export-${serial}`;
    return { id: await openPatchOccurrence(t, admin, key, at), key };
  }

  it('exports only the ids given, in due order, with the assignee through the formula guard', async () => {
    clock.set('2026-03-10T09:00:00Z');
    const later = await occurrence('2026-03-10T08:00:00Z');
    const notSelected = await occurrence('2026-03-10T07:30:00Z');
    const sooner = await occurrence('2026-03-10T07:00:00Z');
    const engineer = await signedInPerson(t, 'engineering');
    const renamed = await t.call(admin, 'PATCH', `/api/v1/users/${engineer.userId}`, {
      name: '=HYPERLINK("https://evil.example")',
    });
    expect(renamed.statusCode).toBe(200);
    const assigned = await t.call(admin, 'PUT', `/api/v1/occurrences/${later.id}/assignee`, {
      assigneeId: engineer.userId,
    });
    expect(assigned.statusCode).toBe(200);

    const response = await t.call(admin, 'GET', `${EXPORT}?ids=${later.id},${sooner.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toBe('attachment; filename="occurrences.csv"');
    const [header, first, second, ...rest] = lines(response.body);
    expect(header).toBe(
      'control,control_title,period,asset,critical,status,owner_role,assigned_to,assignee_email,opens_at,due_at,closes_at,id',
    );
    expect(rest).toEqual([]);
    expect(first).toContain(`,${sooner.key},`);
    expect(first!.endsWith(sooner.id)).toBe(true);
    expect(second).toContain(`,${later.key},`);
    expect(second).toContain(`"'=HYPERLINK(""https://evil.example"")",${engineer.email}`);
    expect(second!.endsWith(later.id)).toBe(true);
    expect(response.body).not.toContain(notSelected.id);
  });

  it('answers 400 naming querystring.ids for a missing, malformed or too long selection, 403 for a viewer', async () => {
    const tooMany = Array.from({ length: MAX_SELECTED_IDS + 1 }, () => randomUUID()).join(',');
    for (const query of ['', '?ids=', '?ids=abc', `?ids=${randomUUID()},,`, `?ids=${tooMany}`]) {
      const response = await t.call(admin, 'GET', `${EXPORT}${query}`);
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(JSON.stringify(response.json())).toContain('querystring.ids');
    }
    const unknown = await t.call(admin, 'GET', `${EXPORT}?ids=${randomUUID()}`);
    expect(unknown.statusCode).toBe(200);
    expect(lines(unknown.body)).toHaveLength(1);
    const viewer = await signedInPerson(t, 'viewer');
    expect((await viewer.call('GET', `${EXPORT}?ids=${randomUUID()}`)).statusCode).toBe(403);
  });

  it('gives an engaged auditor only the selected occurrences due in their period, audited as a download', async () => {
    clock.set('2026-03-10T09:00:00Z');
    const inMarch = await occurrence('2026-03-10T08:00:00Z');
    clock.set('2026-04-03T09:00:00Z');
    const inApril = await occurrence('2026-04-03T08:00:00Z');
    const auditor = await auditorEngagedForMarch(t, clock, admin);

    const response = await auditor(`${EXPORT}?ids=${inMarch.id},${inApril.id}`);
    expect(response.statusCode).toBe(200);
    const rows = lines(response.body).slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.endsWith(inMarch.id)).toBe(true);
    const downloads = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'auditor.downloaded')
      .execute();
    expect(downloads.length).toBeGreaterThanOrEqual(1);
  });
});
