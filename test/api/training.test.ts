import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportDocumentResult } from '../../src/modules/documents/document.schema.js';
import type {
  TrainingAssignmentView,
  TrainingDetail,
} from '../../src/modules/training/training.schema.js';
import { queueTrainingAlerts } from '../../src/modules/training/queue-training-alerts.js';
import { FixedClock } from '../../src/platform/clock.js';
import { deliverOutbox } from '../../src/platform/mail/outbox.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { SmtpTestServer } from '../support/smtp-test-server.js';
import { signedInPerson, type Person } from '../support/factory.js';

const SOP = fs.readFileSync(
  new URL('../fixtures/documents/sop-042-workspace.md', import.meta.url),
  'utf8',
);
const QUIZ = fs.readFileSync(
  new URL('../fixtures/documents/sop-042-workspace.quiz.yaml', import.meta.url),
  'utf8',
);
const DAY = 86_400_000;

describe('training on effective documents', () => {
  const clock = new FixedClock('2026-05-04T09:00:00Z');
  const smtp = new SmtpTestServer();
  let t: TestApp;
  let importer: Person;
  let trainee: Person;
  let registerToken: string;

  /** A document (own id) imported with the importer's attested approval: effective at once. */
  async function effectiveDocument(id: string, quizYaml?: string): Promise<void> {
    const response = await importer.call('POST', '/api/v1/documents/import', {
      markdown: SOP.replace('id: SOP-042', `id: ${id}`),
      ...(quizYaml ? { quizYaml } : {}),
      attestApproval: { note: 'Approved on paper', password: TEST_PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<ImportDocumentResult>().status).toBe('effective');
  }
  const myTraining = async (document: string) =>
    (await trainee.call('GET', '/api/v1/my/training?limit=1000'))
      .json<{ items: TrainingAssignmentView[] }>()
      .items.find((item) => item.document === document)!;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({
      clock,
      env: {
        PLUMBLINE_SMTP_URL: smtp.url,
        PLUMBLINE_LOGIN_RATE_LIMIT: '1000',
        PLUMBLINE_ESCALATION_HOURS: '48',
      },
    });
    importer = await signedInPerson(t, 'quality');
    trainee = await signedInPerson(t, 'engineering');
    registerToken = await t.tokenFor('quality');
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('assigns training to every person of the required departments when a version becomes effective, due after due_days', async () => {
    const disabled = await t.createUser('engineering');
    await t.ctx.db
      .updateTable('users')
      .set({ disabled_at: clock.now() })
      .where('id', '=', disabled.id)
      .execute();
    await effectiveDocument('SOP-200', QUIZ);
    const register = (
      await t.call(registerToken, 'GET', '/api/v1/training?document=SOP-200&limit=1000')
    ).json<{ items: TrainingAssignmentView[] }>().items;
    const engineers = await t.ctx.db
      .selectFrom('users')
      .select('email')
      .where('role', 'in', ['engineering', 'security'])
      .where('disabled_at', 'is', null)
      .execute();
    expect(register.map((item) => item.person.email).sort()).toEqual(
      engineers.map((user) => user.email).sort(),
    );
    expect(register.some((item) => item.person.email === disabled.email)).toBe(false);
    const mine = await myTraining('SOP-200');
    expect(mine).toMatchObject({ mode: 'quiz', state: 'open', quizMissing: false });
    expect(Date.parse(mine.dueAt) - Date.parse(mine.assignedAt)).toBe(30 * DAY);
  });

  it('completes quiz training only after a passing attempt, every attempt recorded', async () => {
    await effectiveDocument('SOP-201', QUIZ);
    const { id } = await myTraining('SOP-201');
    const failed = await trainee.call('POST', `/api/v1/my/training/${id}/quiz-attempts`, {
      answers: [1, 0],
    });
    expect(failed.json()).toEqual({ score: 0, passed: false, passMark: 50 });
    const early = await trainee.call('POST', `/api/v1/my/training/${id}/acknowledge`, {
      password: TEST_PASSWORD,
    });
    expect(early.statusCode).toBe(409);

    const passed = await trainee.call('POST', `/api/v1/my/training/${id}/quiz-attempts`, {
      answers: [0, 1],
    });
    expect(passed.json()).toEqual({ score: 100, passed: true, passMark: 50 });
    const done = await trainee.call('POST', `/api/v1/my/training/${id}/acknowledge`, {
      password: TEST_PASSWORD,
    });
    expect(done.statusCode, done.body).toBe(200);
    const detail = done.json<TrainingDetail>();
    expect(detail).toMatchObject({ state: 'completed', score: 100, passed: true });
    expect(detail.attempts.map((attempt) => attempt.passed)).toEqual([false, true]);
    const signature = await t.ctx.db
      .selectFrom('signatures')
      .select('meaning')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(signature.meaning).toBe('read-and-understood');
  });

  it('flags quiz training without questions and lets it be read and acknowledged', async () => {
    await effectiveDocument('SOP-202');
    const mine = await myTraining('SOP-202');
    expect(mine).toMatchObject({ mode: 'acknowledge', quizMissing: true });
    const done = await trainee.call('POST', `/api/v1/my/training/${mine.id}/acknowledge`, {
      password: TEST_PASSWORD,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<TrainingDetail>().state).toBe('completed');
  });

  it('notifies the person of overdue training by e-mail and escalates to their role’s lead', async () => {
    const lead = await t.createUser('quality', 'engineering.lead@example.com');
    const mapped = await t.call(
      registerToken,
      'PUT',
      '/api/v1/documents/signer-mappings/engineering-lead',
      { emails: [lead.email] },
    );
    expect(mapped.statusCode, mapped.body).toBe(200);
    await effectiveDocument('SOP-203', QUIZ);
    const start = clock.now();
    try {
      clock.set(new Date(start.getTime() + 31 * DAY).toISOString());
      const overdue = (
        await t.call(registerToken, 'GET', '/api/v1/training?overdue=true&document=SOP-203')
      ).json<{ items: TrainingAssignmentView[] }>().items;
      expect(overdue.some((item) => item.person.email === trainee.email)).toBe(true);
      expect(overdue.every((item) => item.state === 'overdue')).toBe(true);

      await queueTrainingAlerts(t.ctx);
      await deliverOutbox(t.ctx);
      const notice = smtp.received.find(
        (mail) => mail.to.includes(trainee.email) && mail.text.includes('SOP-203'),
      );
      expect(notice?.text).toContain('Read and acknowledge');

      clock.set(new Date(start.getTime() + 34 * DAY).toISOString());
      await queueTrainingAlerts(t.ctx);
      await deliverOutbox(t.ctx);
      const escalation = smtp.received.find(
        (mail) => mail.to.includes(lead.email) && mail.text.includes(trainee.email),
      );
      expect(escalation?.text).toContain('SOP-203');
    } finally {
      clock.set(start.toISOString());
    }
  });
});
