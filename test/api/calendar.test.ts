import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import { readCalendarFeed } from '../../src/modules/calendar/read-calendar-feed.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { Page } from '../../src/platform/http/paging.js';
import { signedInPerson, type Person } from '../support/factory.js';
import { readICalendar } from '../support/icalendar-check.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** What the feed covers at the test's clock: 62 days back, 124 days ahead. */
const FEED_WINDOW = 'dueFrom=2026-01-07T09:00:00Z&dueBefore=2026-07-12T09:00:00Z';

interface CreatedFeed {
  url: string;
  feed: { inUse: boolean; prefix: string | null; createdAt: string | null };
}

/**
 * A person's calendar feed: an iCalendar of their role's work to do behind a secret URL (a
 * calendar app sends no credentials), made, rotated and revoked by its owner, each audited.
 */
describe('calendar feed', () => {
  let t: TestApp;
  let admin: string;
  let engineer: Person;
  let quality: Person;
  const clock = new FixedClock('2026-03-10T09:00:00Z');

  const makeFeed = async (person: Person) => {
    const response = await person.call('POST', '/api/v1/calendar/feed');
    expect(response.statusCode).toBe(201);
    return response.json<CreatedFeed>();
  };
  const readFeed = (url: string) => t.app.inject({ method: 'GET', url: new URL(url).pathname });
  const auditActions = async (entityId: string) =>
    (
      await t.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('entity_type', '=', 'calendar_feed')
        .where('entity_id', '=', entityId)
        .orderBy('seq')
        .execute()
    ).map((row) => row.action);
  const feedIdOf = async (userId: string) =>
    (
      await t.ctx.db
        .selectFrom('calendar_feeds')
        .select('id')
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    for (const key of ['web-1', 'db-1']) {
      const created = await t.call(admin, 'POST', '/api/v1/assets', {
        key,
        name: `Server ${key}`,
        category: 'server',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'internal',
      });
      expect(created.statusCode).toBe(201);
    }
    const generated = await t.call(admin, 'POST', '/api/v1/occurrences/generate', {
      from: '2026-02-01T00:00:00Z',
      until: '2026-05-01T00:00:00Z',
    });
    expect(generated.statusCode).toBe(200);
    engineer = await signedInPerson(t, 'engineering');
    quality = await signedInPerson(t, 'quality');
  });
  afterAll(() => t.close());

  it('serves the owner’s role’s work to do as iCalendar a strict reader accepts', async () => {
    const { url, feed } = await makeFeed(engineer);
    expect(feed).toMatchObject({ inUse: true });
    expect(url).toMatch(/\/api\/v1\/calendar\/feeds\/plbcal_/);
    expect(url.endsWith(feed.prefix!)).toBe(false);
    const response = await readFeed(url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = readICalendar(response.body);
    expect(calendar.properties.VERSION).toEqual(['2.0']);

    const expected = (
      await t.call(
        admin,
        'GET',
        `/api/v1/occurrences?ownerRole=engineering&status=upcoming,due,in_progress,overdue&${FEED_WINDOW}&limit=1000`,
      )
    ).json<Page<OccurrenceView>>().items;
    expect(expected.length).toBeGreaterThan(0);
    const uids = calendar.events.map((event) => event.UID![0]);
    expect(uids.sort()).toEqual(
      expected.map((o) => `occurrence-${o.id}@${new URL(t.config.publicUrl).host}`).sort(),
    );
    const overdue = expected.find((o) => o.status === 'overdue');
    if (overdue) {
      const event = calendar.events.find((e) => e.UID![0]!.includes(overdue.id))!;
      expect(event.SUMMARY![0]).toMatch(/^Overdue: /);
    }
    for (const event of calendar.events) {
      expect(event.URL![0]).toMatch(
        new RegExp(`^${t.config.publicUrl}/work/occurrences/[0-9a-f-]{36}$`),
      );
      expect(event.DTSTAMP).toEqual(['20260310T090000Z']);
    }
  });

  it('shows a deadline at local midnight as an all-day event on the day before', async () => {
    const { url } = await makeFeed(engineer);
    const calendar = readICalendar((await readFeed(url)).body);
    const allDay = calendar.events.filter((event) => event['DTSTART;VALUE=DATE']);
    expect(allDay.length).toBeGreaterThan(0);
    const occurrenceId = allDay[0]!.UID![0]!.slice(
      'occurrence-'.length,
      -`@${new URL(t.config.publicUrl).host}`.length,
    );
    const occurrence = (
      await t.call(admin, 'GET', `/api/v1/occurrences/${occurrenceId}`)
    ).json<OccurrenceView>();
    // Europe/Berlin: a deadline at 23:00Z or 22:00Z is midnight, the end of that local day.
    const due = new Date(occurrence.dueAt);
    const lastDay = new Date(due.getTime() - 1).toLocaleDateString('sv', {
      timeZone: 'Europe/Berlin',
    });
    expect(allDay[0]!['DTSTART;VALUE=DATE']).toEqual([lastDay.replace(/-/g, '')]);
  });

  it('gives each person their own role’s work only', async () => {
    const { url } = await makeFeed(quality);
    const calendar = readICalendar((await readFeed(url)).body);
    const qualityWork = (
      await t.call(
        admin,
        'GET',
        `/api/v1/occurrences?ownerRole=quality&status=upcoming,due,in_progress,overdue&${FEED_WINDOW}&limit=1000`,
      )
    ).json<Page<OccurrenceView>>().items;
    expect(calendar.events).toHaveLength(qualityWork.length);
    expect(
      calendar.events.every((event) => event.DESCRIPTION![0]!.includes('Owner: Quality.')),
    ).toBe(true);
  });

  it('includes the work assigned to its owner whatever the work’s role', async () => {
    // Another quality person than the suite's: their feed is their role's work and this one.
    const officer = await signedInPerson(t, 'quality');
    const { url } = await makeFeed(officer);
    const [engineeringWork] = (
      await t.call(
        admin,
        'GET',
        `/api/v1/occurrences?ownerRole=engineering&status=upcoming,due,in_progress,overdue&${FEED_WINDOW}&limit=1`,
      )
    ).json<Page<OccurrenceView>>().items;
    const uidsOf = async () =>
      readICalendar((await readFeed(url)).body).events.map((event) => event.UID![0]!);
    const uid = `occurrence-${engineeringWork!.id}@${new URL(t.config.publicUrl).host}`;
    expect(await uidsOf()).not.toContain(uid);

    const assigned = await t.call(
      admin,
      'PUT',
      `/api/v1/occurrences/${engineeringWork!.id}/assignee`,
      { assigneeId: officer.userId },
    );
    expect(assigned.statusCode, assigned.body).toBe(200);
    const calendar = readICalendar((await readFeed(url)).body);
    const event = calendar.events.find((candidate) => candidate.UID![0] === uid);
    const officerName = officer.signerLabel.replace(/ <.*>$/, '');
    expect(event?.DESCRIPTION![0]).toContain(`Assigned to ${officerName}.`);
  });

  it('writes the same feed page by page, whatever the page size', async () => {
    const { url } = await makeFeed(engineer);
    const secret = url.split('/').at(-1)!;
    const written = async (pageSize?: number) => {
      const chunks: string[] = [];
      for await (const chunk of await readCalendarFeed(t.ctx, secret, pageSize)) chunks.push(chunk);
      return chunks;
    };
    const whole = await written();
    const events = readICalendar(whole.join('')).events.length;
    expect(events).toBeGreaterThan(4);
    // Two occurrences a page: a chunk per page, besides the opening and closing lines.
    const paged = await written(2);
    expect(paged.length).toBeGreaterThanOrEqual(2 + Math.ceil(events / 2));
    expect(paged.join('')).toBe(whole.join(''));
    expect((await readFeed(url)).body).toBe(whole.join(''));
  });

  it('refuses the old URL once its owner rotates it, and audits the rotation', async () => {
    const first = await makeFeed(engineer);
    const firstId = await feedIdOf(engineer.userId);
    const second = await makeFeed(engineer);
    expect(second.url).not.toBe(first.url);
    expect((await readFeed(first.url)).statusCode).toBe(404);
    expect((await readFeed(second.url)).statusCode).toBe(200);
    expect(await auditActions(await feedIdOf(engineer.userId))).toEqual(['calendar_feed.rotated']);
    expect(await auditActions(firstId)).not.toContain('calendar_feed.revoked');
  });

  it('refuses a revoked URL, the same as an unknown one, and audits the revocation', async () => {
    const { url } = await makeFeed(engineer);
    const id = await feedIdOf(engineer.userId);
    const revoked = await engineer.call('DELETE', '/api/v1/calendar/feed');
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toEqual({ inUse: false, prefix: null, createdAt: null });
    const refused = await readFeed(url);
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/calendar/feeds/plbcal_not-a-feed',
    });
    expect([refused.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(refused.json()).toEqual(unknown.json());
    expect((await auditActions(id)).at(-1)).toBe('calendar_feed.revoked');
    expect((await engineer.call('GET', '/api/v1/calendar/feed')).json()).toMatchObject({
      inUse: false,
    });
    expect((await engineer.call('DELETE', '/api/v1/calendar/feed')).statusCode).toBe(404);
  });

  it('stores only a hash of the secret', async () => {
    const { url } = await makeFeed(quality);
    const secret = url.split('/').at(-1)!;
    const rows = await t.ctx.db.selectFrom('calendar_feeds').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('makes no feed for a machine token, which is no person', async () => {
    const token = await t.tokenFor('engineering');
    const response = await t.call(token, 'POST', '/api/v1/calendar/feed');
    expect(response.statusCode).toBe(409);
    expect((await t.call(token, 'GET', '/api/v1/calendar/feed')).json()).toMatchObject({
      inUse: false,
    });
  });
});
