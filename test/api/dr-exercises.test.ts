import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DrExerciseDetail } from '../../src/modules/recovery/dr-exercise.schema.js';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { createProductionAsset, signedInPerson, type Person } from '../support/factory.js';

/** Each test starts from an organisation of its own, so each records DR-0001 itself. */
describe('DR exercises', () => {
  let clock: FixedClock;
  let t: TestApp;
  let admin: string;
  let lead: Person;
  let verifier: Person;
  let dba: { id: string };

  const exercise = (overrides: Record<string, unknown> = {}) => ({
    type: 'live-failover',
    scenario: 'Loss of the primary region: fail over the order database to eu-west-2.',
    startedAt: '2026-05-19T08:00:00Z',
    finishedAt: '2026-05-19T14:00:00Z',
    participants: [
      { name: 'Ada Lovelace', role: 'Incident lead' },
      { name: 'Grace Hopper', role: 'DBA' },
    ],
    timeline: [
      { at: '2026-05-19T08:40:00Z', description: 'Replica promoted in eu-west-2' },
      { at: '2026-05-19T08:00:00Z', description: 'Primary region declared lost' },
    ],
    recoveryMeasurements: [
      { asset: 'db-orders', measured: 'PT3H10M' },
      { service: 'Configuration rebuild from Git', measured: 'PT2H30M', targetRto: 'PT2H' },
    ],
    outcome: 'passed-with-deficiencies',
    deficiencies: [
      {
        title: 'Runbook lacks the DNS cut-over step',
        description: 'The team improvised the DNS change; add it to the DR plan.',
        ownerUserId: dba.id,
        dueOn: '2026-06-30',
      },
      {
        title: 'Configuration rebuild exceeded its 2-hour objective',
        ownerUserId: dba.id,
      },
    ],
    summary: 'Recovered within the data RTO; configuration was slow.',
    ...overrides,
  });

  beforeEach(async () => {
    clock = new FixedClock('2026-05-20T08:00:00Z');
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    admin = await t.tokenFor('admin');
    await createProductionAsset(t, admin, 'db-orders');
    dba = await t.createUser('engineering', 'dba@example.test');
    const generated = await t.call(admin, 'POST', '/api/v1/occurrences/generate', {
      from: '2026-05-01T00:00:00Z',
      until: '2026-06-30T00:00:00Z',
    });
    expect(generated.statusCode).toBe(200);
    lead = await signedInPerson(t, 'engineering');
    verifier = await signedInPerson(t, 'quality');
  });
  afterEach(() => t.close());

  /** The exercise of 19 May, recorded by the incident lead. */
  const recordExercise = async (): Promise<DrExerciseDetail> => {
    const response = await lead.call('POST', '/api/v1/dr-exercises', exercise());
    expect(response.statusCode).toBe(201);
    return response.json<DrExerciseDetail>();
  };

  it('records an exercise with its timeline and recovery times against the targets', async () => {
    const recorded = await recordExercise();
    expect(recorded).toMatchObject({
      number: 'DR-0001',
      type: 'live-failover',
      status: 'completed',
      outcome: 'passed-with-deficiencies',
      recordedByLabel: lead.email,
      recoveryMeasurements: [
        {
          subject: 'db-orders',
          assetKey: 'db-orders',
          measuredSeconds: 190 * 60,
          targetRto: 'PT4H',
          met: true,
        },
        {
          subject: 'Configuration rebuild from Git',
          assetKey: null,
          measuredSeconds: 150 * 60,
          targetRto: 'PT2H',
          met: false,
        },
      ],
    });
    expect(recorded.timeline.map((entry) => entry.description)).toEqual([
      'Primary region declared lost',
      'Replica promoted in eu-west-2',
    ]);
  });

  it('turns each deficiency into a nonconformance with owner, due date and an SLA occurrence', async () => {
    const recorded = await recordExercise();
    expect(recorded.deficiencies).toMatchObject([
      { title: 'DR-0001: Runbook lacks the DNS cut-over step', status: 'open', overdue: false },
      {
        title: 'DR-0001: Configuration rebuild exceeded its 2-hour objective',
        dueOn: '2026-08-18',
      },
    ]);
    expect(recorded.deficiencies[0]!.dueOn).toBe('2026-06-30');
    expect(recorded.deficiencies[0]!.ownerUserLabel).toMatch(/dba@example\.test/);
    const items = (
      await t.call(
        admin,
        'GET',
        `/api/v1/nonconformances?source=dr-exercise&sourceId=${recorded.id}`,
      )
    ).json<{ items: NonconformanceView[] }>().items;
    expect(items).toHaveLength(2);
    expect(items.map((item) => item.sourceItem).sort()).toEqual(['1', '2']);
    const slaIds = items.map((item) => item.slaOccurrenceId);
    expect(new Set(slaIds).size).toBe(2);
    const sla = (
      await t.call(admin, 'GET', '/api/v1/occurrences?control=dr-deficiency-remediation')
    ).json<{ items: OccurrenceView[] }>().items;
    expect(sla.map((occurrence) => occurrence.id).sort()).toEqual([...slaIds].sort());
    expect(sla[0]!.dueAt).toBe('2026-08-18T08:00:00.000Z');
  });

  it('refuses inconsistent outcomes, unknown owners and assets, field by field', async () => {
    const issuesOf = async (body: Record<string, unknown>) => {
      const response = await lead.call('POST', '/api/v1/dr-exercises', body);
      expect(response.statusCode).toBe(400);
      return response
        .json<{ error: { issues: { path: string }[] } }>()
        .error.issues.map((issue) => issue.path);
    };
    expect(await issuesOf(exercise({ outcome: 'passed' }))).toEqual(['body.outcome']);
    expect(await issuesOf(exercise({ deficiencies: [] }))).toEqual(['body.deficiencies']);
    expect(
      await issuesOf(
        exercise({
          deficiencies: [{ title: 'x', ownerUserId: '00000000-0000-4000-8000-000000000000' }],
        }),
      ),
    ).toEqual(['body.deficiencies.0.ownerUserId']);
    expect(
      await issuesOf(exercise({ recoveryMeasurements: [{ asset: 'nope', measured: 'PT1H' }] })),
    ).toEqual(['body.recoveryMeasurements.0.asset']);
    expect(
      await issuesOf(exercise({ recoveryMeasurements: [{ service: 'DNS', measured: 'PT1H' }] })),
    ).toEqual(['body.recoveryMeasurements.0.targetRto']);
  });

  it('is verified by another person and satisfies the year’s DR exercise', async () => {
    const recorded = await recordExercise();
    const url = `/api/v1/dr-exercises/${recorded.id}/verify`;
    expect((await lead.call('POST', url, { password: TEST_PASSWORD })).statusCode).toBe(409);
    const wrong = await verifier.call('POST', url, { password: 'wrong' });
    expect(wrong.json<{ error: { message: string } }>().error.message).toMatch(/password is wrong/);
    expect(wrong.statusCode).toBe(401);
    const response = await verifier.call('POST', url, {
      password: TEST_PASSWORD,
      note: 'Timeline matches the chat log.',
    });
    expect(response.statusCode).toBe(200);
    const verified = response.json<DrExerciseDetail>();
    expect(verified).toMatchObject({ status: 'verified', verifierLabel: verifier.signerLabel });
    expect(verified.satisfiedOccurrences).toEqual([
      expect.objectContaining({ controlKey: 'dr-exercise-annual', periodKey: '2026' }),
    ]);
    const annual = (
      await t.call(admin, 'GET', '/api/v1/occurrences?control=dr-exercise-annual')
    ).json<{ items: OccurrenceView[] }>().items;
    expect(annual[0]).toMatchObject({ periodKey: '2026', status: 'verified' });
    expect(annual[0]!.events[1]!.note).toMatch(/DR-0001/);
  });

  it('lists exercises for readers', async () => {
    await recordExercise();
    const auditor = await t.tokenFor('auditor');
    const list = (await t.call(auditor, 'GET', '/api/v1/dr-exercises?type=live-failover')).json<{
      items: DrExerciseDetail[];
    }>().items;
    expect(list.map((item) => item.number)).toEqual(['DR-0001']);
  });
});
