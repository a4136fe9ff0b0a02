import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportDocumentResult } from '../../src/modules/documents/document.schema.js';
import { TEST_PASSWORD } from '../support/test-app.js';
import {
  expectPath,
  openPage,
  signIn,
  startBrowserHarness,
  type BrowserHarness,
} from './browser.js';

const DOCUMENT = `---
id: SOP-777
title: Host Patching <Procedure>
status: draft
author: owner@example.com
reviewers: [engineering]
approvers: [quality]
training:
  required_departments: [Engineering]
  training_mode: quiz
  due_days: 14
---

# Host patching

Every host is patched **monthly**. <script>alert(1)</script>
`;
const QUIZ = `pass_mark: 100
questions:
  - question: How often is each host patched?
    options: [Every year, Every month]
    answer: Every month
`;

describe('documents and training in a real browser', () => {
  let harness: BrowserHarness;
  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('takes a document through review and approval, then a person completes its training', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const quality = await t.createUser('quality');
    const engineer = await t.createUser('engineering');
    const imported = await t.call(admin, 'POST', '/api/v1/documents/import', {
      markdown: DOCUMENT,
      quizYaml: QUIZ,
    });
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json<ImportDocumentResult>().status).toBe('draft');

    // The quality lead finds the draft in the list and submits it for review.
    const lead = await openPage(harness);
    await lead.page.goto('/documents');
    await expectPath(lead.page, '/login');
    await signIn(lead.page, quality.email, TEST_PASSWORD);
    await expectPath(lead.page, '/documents');
    await lead.page.getByRole('link', { name: /SOP-777/ }).click();
    await expectPath(lead.page, '/documents/SOP-777');
    const text = lead.page.getByTestId('document-text');
    await text.waitFor();
    // The rendered text keeps markup from the file as text, never as elements.
    expect(await text.textContent()).toContain('<script>alert(1)</script>');
    expect(await text.locator('strong').textContent()).toBe('monthly');
    // The title is the page's one h1, its markup kept as text; the document's own headings sit a
    // level below it.
    expect(await lead.page.locator('h1').first().textContent()).toContain('<Procedure>');
    expect(await text.locator('h2').first().textContent()).toBe('Host patching');
    await lead.page.getByRole('button', { name: 'Submit for review' }).click();
    await expect
      .poll(async () => (await lead.page.getByTestId('signoffs').textContent()) ?? '')
      .toContain('Review outstanding: engineering');
    expect(await lead.page.getByRole('button', { name: 'Approve' }).count()).toBe(0);

    // An engineer signs the review.
    const reviewer = await openPage(harness);
    await reviewer.page.goto('/documents/SOP-777');
    await signIn(reviewer.page, engineer.email, TEST_PASSWORD);
    await expectPath(reviewer.page, '/documents/SOP-777');
    await reviewer.page.getByRole('button', { name: 'Sign as reviewer' }).click();
    const reviewDialog = reviewer.page.getByRole('dialog', { name: 'Sign the review' });
    await expect
      .poll(() => reviewDialog.getByTestId('signature-meaning').textContent())
      .toContain('you reviewed this version, as engineering');
    await reviewDialog.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await reviewDialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect
      .poll(async () => (await reviewer.page.getByTestId('signoffs').textContent()) ?? '')
      .toContain('Reviewed for engineering');

    // The quality lead approves: the version becomes effective and its training is assigned.
    await lead.page.reload();
    await lead.page.getByRole('button', { name: 'Approve' }).click();
    const approveDialog = lead.page.getByRole('dialog', { name: 'Sign the approval' });
    await approveDialog.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await approveDialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await expect
      .poll(async () => (await lead.page.getByTestId('signoffs').textContent()) ?? '')
      .toContain('Approved for quality');
    await expect
      .poll(async () => (await lead.page.getByTestId('document-versions').textContent()) ?? '')
      .toContain('Effective');

    // The engineer takes the quiz (a wrong answer first) and signs "read and understood".
    await reviewer.page.goto('/training');
    await reviewer.page.getByRole('link', { name: /SOP-777 v1/ }).click();
    const quiz = reviewer.page.getByTestId('quiz');
    await quiz.waitFor();
    await quiz.getByRole('radio', { name: 'Every year' }).check();
    await quiz.getByRole('button', { name: 'Submit answers' }).click();
    await expect
      .poll(async () => (await reviewer.page.getByTestId('quiz-result').textContent()) ?? '')
      .toContain('not passed');
    await quiz.getByRole('radio', { name: 'Every month' }).check();
    await quiz.getByRole('button', { name: 'Submit answers' }).click();
    await expect
      .poll(async () => (await reviewer.page.getByTestId('quiz-result').textContent()) ?? '')
      .toContain('Score 100%: passed');
    await reviewer.page.getByRole('button', { name: 'Sign: read and understood' }).click();
    const trainingDialog = reviewer.page.getByRole('dialog', { name: 'Sign the training' });
    await trainingDialog.getByLabel(/^Password/).fill(TEST_PASSWORD);
    await trainingDialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await reviewer.page.getByTestId('training-completed').waitFor();
    expect(await reviewer.page.getByTestId('training-completed').textContent()).toContain('100%');

    // The register shows the completion; nothing of it is overdue.
    await lead.page.goto('/training/register');
    const register = lead.page.locator(`[data-training="SOP-777"]`, { hasText: engineer.email });
    await expect.poll(async () => (await register.textContent()) ?? '').toContain('Completed');
    await lead.page.getByText('Overdue', { exact: true }).click();
    await lead.page.getByText('Nothing overdue').waitFor();

    expect(lead.problems).toEqual([]);
    expect(reviewer.problems).toEqual([]);
  });

  it('attaches a quiz to a version, showing a wrong answer key beside its field', async () => {
    const { t } = harness;
    const admin = await t.tokenFor('admin');
    const quality = await t.createUser('quality');
    const imported = await t.call(admin, 'POST', '/api/v1/documents/import', {
      markdown: DOCUMENT.replace('id: SOP-777', 'id: SOP-778'),
    });
    expect(imported.statusCode, imported.body).toBe(201);

    const lead = await openPage(harness);
    await lead.page.goto('/documents/SOP-778');
    await expectPath(lead.page, '/login');
    await signIn(lead.page, quality.email, TEST_PASSWORD);
    await expectPath(lead.page, '/documents/SOP-778');
    const summary = lead.page.getByTestId('quiz-summary');
    await expect.poll(async () => (await summary.textContent()) ?? '').toContain('Quiz missing');

    await lead.page.getByRole('button', { name: 'Attach quiz' }).click();
    const dialog = lead.page.getByRole('dialog', { name: 'Quiz of v1' });
    await dialog.getByLabel('Question 1', { exact: true }).fill('How often is each host patched?');
    await dialog.getByLabel('Options, one per line').fill('Every year\nEvery month');
    const answer = dialog.getByLabel('Correct answer');
    await answer.fill('Every week');
    await dialog.getByRole('button', { name: 'Save quiz' }).click();
    await expect.poll(() => answer.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await answer.getAttribute('aria-describedby')) ?? '';
    const besideAnswer = await Promise.all(
      describedBy
        .split(' ')
        .filter(Boolean)
        .map((id) => lead.page.locator(`[id="${id}"]`).textContent()),
    );
    expect(besideAnswer.join(' ')).toContain("is not one of the question's options");
    expect(
      await dialog.getByLabel('Question 1', { exact: true }).getAttribute('aria-invalid'),
    ).not.toBe('true');
    expect((await t.call(admin, 'GET', '/api/v1/documents/SOP-778')).json()).toMatchObject({
      quizMissing: true,
    });

    await answer.fill('Every month');
    await dialog.getByRole('button', { name: 'Save quiz' }).click();
    await expect
      .poll(async () => (await summary.textContent()) ?? '')
      .toContain('1 question, pass mark 80%');
    expect(await lead.page.getByText('Quiz missing').count()).toBe(0);
    // The one failed load is the refused answer key (400), nothing else.
    expect(lead.problems).toEqual([
      'console error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
  });
});
