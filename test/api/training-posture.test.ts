import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportDocumentResult } from '../../src/modules/documents/document.schema.js';
import type { Posture } from '../../src/modules/posture/posture.schema.js';
import type { TrainingAssignmentView } from '../../src/modules/training/training.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { signedInPerson, type Person } from '../support/factory.js';

const SOP = fs.readFileSync(
  new URL('../fixtures/documents/sop-042-workspace.md', import.meta.url),
  'utf8',
);

/** ISO 13485 6.2 on the posture: who lacks current training for an effective SOP. */
describe('training gaps on the posture', () => {
  const clock = new FixedClock('2026-05-04T09:00:00Z');
  let t: TestApp;
  let quality: string;

  const posture = async (at?: string) => {
    const response = await t.call(
      quality,
      'GET',
      `/api/v1/posture${at ? `?at=${encodeURIComponent(at)}` : ''}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Posture>().training;
  };
  const gapsOf = (training: Posture['training']) =>
    training.gaps.map((gap) => [gap.person.email, gap.document, gap.version, gap.state]).sort();

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    quality = await t.tokenFor('quality');
  });
  afterAll(() => t.close());

  it('shows overdue training and people of a required department never assigned, as of the instant asked for', async () => {
    clock.set('2026-05-04T09:00:00Z');
    const importer: Person = await signedInPerson(t, 'quality', 'importer@example.com');
    const done: Person = await signedInPerson(t, 'engineering', 'done@example.com');
    await t.createUser('security', 'late@example.com');
    const imported = await importer.call('POST', '/api/v1/documents/import', {
      markdown: SOP.replace('id: SOP-042', 'id: SOP-400'),
      attestApproval: { note: 'Approved on paper', password: TEST_PASSWORD },
    });
    expect(imported.json<ImportDocumentResult>().status).toBe('effective');
    const mine = (await done.call('GET', '/api/v1/my/training'))
      .json<{ items: TrainingAssignmentView[] }>()
      .items.find((item) => item.document === 'SOP-400')!;
    const acknowledged = await done.call('POST', `/api/v1/my/training/${mine.id}/acknowledge`, {
      password: TEST_PASSWORD,
    });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(await posture()).toEqual({ requirement: 'ISO 13485 6.2', gapCount: 0, gaps: [] });

    // An engineer who joins after the SOP took effect has no training on it.
    clock.set('2026-05-10T09:00:00Z');
    await t.createUser('engineering', 'joiner@example.com');
    expect(gapsOf(await posture())).toEqual([['joiner@example.com', 'SOP-400', 1, 'missing']]);

    // 30 days on, the security engineer's training is overdue; the completed one is no gap.
    clock.set('2026-06-04T09:00:01Z');
    const later = await posture();
    expect(gapsOf(later)).toEqual([
      ['joiner@example.com', 'SOP-400', 1, 'missing'],
      ['late@example.com', 'SOP-400', 1, 'overdue'],
    ]);
    expect(later.gapCount).toBe(2);
    expect(later.gaps[0]).toMatchObject({
      state: 'overdue',
      person: { email: 'late@example.com', role: 'security' },
      title: 'Workspace and Hosting Upkeep',
      dueAt: '2026-06-03T09:00:00.000Z',
    });
    // The past reads as it was: before the joiner, nothing was missing or overdue.
    expect((await posture('2026-05-05T09:00:00Z')).gapCount).toBe(0);
  });
});
