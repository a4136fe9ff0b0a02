import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonView } from '../../src/modules/people/person.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { accountsFixture, upload } from './accounts.fixtures.js';

describe('the people register (CSV import)', () => {
  let t: TestApp;
  let security: string;

  async function people(): Promise<PersonView[]> {
    const response = await t.call(security, 'GET', '/api/v1/people?limit=1000');
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: PersonView[] }>().items;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock('2026-12-01T10:00:00Z') });
    security = await t.tokenFor('security');
  });
  afterAll(async () => {
    await t.close();
  });

  it('imports the documented columns, and the same file again records nothing new', async () => {
    const first = await upload(t, security, '/api/v1/people/import', accountsFixture('people.csv'));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ received: 3, created: 3, updated: 0, alreadyRecorded: 0 });
    const again = await upload(t, security, '/api/v1/people/import', accountsFixture('people.csv'));
    expect(again.json()).toMatchObject({ received: 3, created: 0, updated: 0, alreadyRecorded: 3 });
    const alice = (await people()).find((person) => person.email === 'alice@example.test');
    expect(alice).toMatchObject({
      name: 'Alice Archer',
      department: 'Platform',
      jobTitle: 'SRE',
      managerEmail: 'carol@example.test',
      status: 'active',
      startDate: '2024-01-15',
      endDate: null,
      source: 'csv',
    });
  });

  it('reports every bad row with its line and field, and stores nothing', async () => {
    const before = (await people()).length;
    const response = await upload(
      t,
      security,
      '/api/v1/people/import',
      accountsFixture('people-bad.csv'),
    );
    expect(response.statusCode).toBe(400);
    const paths = response
      .json<{ error: { issues: { path: string }[] } }>()
      .error.issues.map((issue) => issue.path);
    expect(paths).toEqual([
      'line 3: email',
      'line 4: name',
      'line 4: status',
      'line 5: start_date',
    ]);
    expect((await people()).length).toBe(before);
  });

  it('refuses a file with an unknown or a missing column, naming line 1', async () => {
    const unknown = await upload(
      t,
      security,
      '/api/v1/people/import',
      'email,name,shoe_size\na@example.test,A,44\n',
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorBody>().error.issues).toEqual([
      { path: 'line 1', message: 'unknown column(s): shoe_size' },
    ]);
    const missing = await upload(t, security, '/api/v1/people/import', 'email\na@example.test\n');
    expect(missing.json<ErrorBody>().error.issues?.[0]?.message).toContain(
      'missing required column(s): name',
    );
    const empty = await upload(t, security, '/api/v1/people/import', '');
    expect(empty.statusCode).toBe(400);
  });

  it('marks a person whose end date is over as left at the end of that day', async () => {
    const response = await upload(
      t,
      security,
      '/api/v1/people/import',
      'email,name,end_date\nformer@example.test,Former Colleague,2026-11-20\nfuture@example.test,Future Leaver,2026-12-31\n',
    );
    expect(response.json()).toMatchObject({ created: 2, left: 1 });
    const byEmail = new Map((await people()).map((person) => [person.email, person]));
    expect(byEmail.get('former@example.test')).toMatchObject({
      status: 'left',
      leftAt: '2026-11-20T23:00:00.000Z',
    });
    expect(byEmail.get('future@example.test')).toMatchObject({ status: 'active', leftAt: null });
  });

  it('lists the register a page at a time', async () => {
    await upload(t, security, '/api/v1/people/import', accountsFixture('people.csv'));
    const first = await t.call(security, 'GET', '/api/v1/people?limit=2');
    const page = first.json<{ items: PersonView[]; nextCursor: string | null }>();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const second = await t.call(
      security,
      'GET',
      `/api/v1/people?limit=2&cursor=${page.nextCursor}`,
    );
    const emails = second.json<{ items: PersonView[] }>().items.map((person) => person.email);
    expect(emails).not.toContain(page.items[0]!.email);
  });
});
