import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEndedEmployments } from '../../src/modules/people/apply-ended-employments.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createSystem, upload } from './accounts.fixtures.js';

const PEOPLE_HEADER = 'email,name,department,job_title,manager_email,status,start_date,end_date';
const ACCOUNTS_HEADER = 'username,email,roles,privileged,mfa_enabled,disabled,last_login';

describe('an end date in the future', () => {
  let t: TestApp;
  let clock: FixedClock;
  let security: string;

  beforeAll(async () => {
    clock = new FixedClock('2026-12-01T10:00:00Z');
    t = await createTestApp({ clock });
    security = await t.tokenFor('security');
    await createSystem(t, security, 'wiki');
  });
  afterAll(async () => {
    await t.close();
  });

  async function clocksOf(email: string) {
    const person = await t.ctx.db
      .selectFrom('people')
      .select(['id', 'status', 'left_at'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const response = await t.call(security, 'GET', `/api/v1/people/${person.id}/revocation-clocks`);
    expect(response.statusCode, response.body).toBe(200);
    return {
      person,
      clocks: response.json<{ items: { startedAt: string; dueAt: string }[] }>().items,
    };
  }

  it('starts the leaver clock at the end of the last day, not at the import', async () => {
    const people = await upload(
      t,
      security,
      '/api/v1/people/import',
      `${PEOPLE_HEADER}\ndana@example.test,Dana Diaz,Sales,Account manager,,active,2024-03-01,2026-12-10\n`,
    );
    expect(people.statusCode, people.body).toBe(200);
    const accounts = await upload(
      t,
      security,
      '/api/v1/accounts/import?asset=wiki&format=csv&takenAt=2026-12-01T09:00:00Z',
      `${ACCOUNTS_HEADER}\ndana,dana@example.test,editor,false,true,false,\n`,
    );
    expect(accounts.statusCode, accounts.body).toBe(200);
    expect(await applyEndedEmployments(t.ctx)).toBe(0);
    expect((await clocksOf('dana@example.test')).clocks).toEqual([]);

    // 10 December is her last day (Europe/Berlin): still employed that evening.
    clock.set('2026-12-10T22:30:00Z');
    expect(await applyEndedEmployments(t.ctx)).toBe(0);
    clock.set('2026-12-11T06:00:00Z');
    expect(await applyEndedEmployments(t.ctx)).toBe(1);
    expect(await applyEndedEmployments(t.ctx)).toBe(0);
    const { person, clocks } = await clocksOf('dana@example.test');
    expect(person.status).toBe('left');
    expect(person.left_at?.toISOString()).toBe('2026-12-10T23:00:00.000Z');
    expect(clocks).toMatchObject([
      { startedAt: '2026-12-10T23:00:00.000Z', dueAt: '2026-12-11T23:00:00.000Z' },
    ]);
  });
});
