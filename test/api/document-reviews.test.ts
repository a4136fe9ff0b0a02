import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../src/modules/documents/document.schema.js';
import { documentsInEffectPages } from '../../src/modules/documents/document-register.js';
import { openDocumentReviews } from '../../src/modules/documents/open-document-reviews.js';
import { getOccurrence } from '../../src/modules/occurrences/list-occurrences.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { signedInPerson, type Person } from '../support/factory.js';

const SOP = fs.readFileSync(
  new URL('../fixtures/documents/sop-042-workspace.md', import.meta.url),
  'utf8',
);

/** The fixture under its own id, with a periodic review date and optional edits. */
const sop = (id: string, reviewDate: string, edit: (text: string) => string = (text) => text) =>
  edit(SOP.replace('id: SOP-042', `id: ${id}\nreview_date: ${reviewDate}`));

describe('periodic review of controlled documents', () => {
  const clock = new FixedClock('2026-04-01T09:00:00Z');
  let t: TestApp;
  let quality: Person;

  /** Signs in afresh: the tests move the clock by weeks, past any session's life. */
  const at = async (instant: string) => {
    clock.set(instant);
    quality = await signedInPerson(t, 'quality');
  };
  /** Brings an approved SOP under control with the importer's attestation: effective at once. */
  async function importEffective(markdown: string): Promise<void> {
    const response = await quality.call('POST', '/api/v1/documents/import', {
      markdown,
      attestApproval: { note: 'Approved on paper', password: TEST_PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(201);
  }
  const detail = async (key: string) =>
    (await quality.call('GET', `/api/v1/documents/${key}`)).json<DocumentDetail>();
  const review = (key: string, version: number, body: Record<string, unknown>) =>
    quality.call('POST', `/api/v1/documents/${key}/versions/${version}/periodic-review`, {
      password: TEST_PASSWORD,
      ...body,
    });

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
  });
  afterAll(() => t.close());

  it('opens the review occurrence 30 days before the review date, and a signed "no change" review meets it and sets the next date', async () => {
    await at('2026-04-01T09:00:00Z');
    await importEffective(sop('SOP-300', '2026-05-10'));
    expect((await detail('SOP-300')).reviewDueOn).toBe('2026-05-10');
    expect(await openDocumentReviews(t.ctx)).toBe(0);

    await at('2026-04-10T09:00:00Z');
    expect(await openDocumentReviews(t.ctx)).toBe(0);
    await at('2026-04-11T09:00:00Z');
    expect(await openDocumentReviews(t.ctx)).toBe(1);
    expect(await openDocumentReviews(t.ctx)).toBe(0);
    const opened = (await detail('SOP-300')).periodicReview.occurrences;
    expect(opened).toMatchObject([{ version: 1, reviewDueOn: '2026-05-10', metAt: null }]);
    const occurrence = await getOccurrence(t.ctx, opened[0]!.occurrenceId);
    expect(occurrence).toMatchObject({ controlKey: 'document-periodic-review', status: 'due' });
    // Europe/Berlin: the review date ends at 22:00 UTC, and the occurrence opened 30 days before.
    expect(new Date(occurrence.dueAt).toISOString()).toBe('2026-05-10T22:00:00.000Z');
    expect(new Date(occurrence.opensAt).toISOString()).toBe('2026-04-10T22:00:00.000Z');

    await at('2026-04-20T09:00:00Z');
    const refused = await review('SOP-300', 1, { note: 'Still right', password: 'wrong' });
    expect(refused.statusCode).toBe(401);
    expect((await getOccurrence(t.ctx, occurrence.id)).status).toBe('due');

    const signed = await review('SOP-300', 1, { note: 'Read against current practice' });
    expect(signed.statusCode, signed.body).toBe(200);
    const document = signed.json<DocumentDetail>();
    expect(document.reviewDueOn).toBe('2027-04-20');
    expect(document.periodicReview.reviews).toMatchObject([
      {
        version: 1,
        reviewDueOn: '2026-05-10',
        nextReviewDueOn: '2027-04-20',
        note: 'Read against current practice',
        signerLabel: quality.signerLabel,
      },
    ]);
    expect(document.periodicReview.occurrences).toMatchObject([{ metBy: 'reviewed' }]);
    expect(document.history.map((event) => event.kind)).toContain('periodic-review');
    expect((await getOccurrence(t.ctx, occurrence.id)).status).toBe('verified');
    // The next date is a year away: nothing opens now.
    expect(await openDocumentReviews(t.ctx)).toBe(0);

    // The pack's register reads the review date as it stood, with the signature of the review.
    const registerAt = async (instant: string) => {
      for await (const page of documentsInEffectPages(t.ctx, new Date(instant))) {
        const entry = page.documents.find((document) => document.key === 'SOP-300');
        if (entry) {
          const meanings = page.signatures
            .filter((signature) => signature.documentKey === 'SOP-300')
            .map((signature) => signature.meaning);
          return { reviewDueOn: entry.reviewDueOn, meanings };
        }
      }
      return null;
    };
    expect(await registerAt('2026-04-15T00:00:00Z')).toEqual({
      reviewDueOn: '2026-05-10',
      meanings: ['approval-attested'],
    });
    expect(await registerAt('2026-04-20T10:00:00Z')).toEqual({
      reviewDueOn: '2027-04-20',
      meanings: ['approval-attested', 'reviewed-no-change'],
    });
  });

  it('is met by a new version taking effect', async () => {
    await at('2026-06-01T09:00:00Z');
    await importEffective(sop('SOP-301', '2026-06-20'));
    expect(await openDocumentReviews(t.ctx)).toBe(1);
    const [opened] = (await detail('SOP-301')).periodicReview.occurrences;

    await importEffective(
      sop('SOP-301', '2027-06-20', (text) => `${text}\n## 9. Revised\n\nA new step.\n`),
    );
    const document = await detail('SOP-301');
    expect(document).toMatchObject({ version: 2, effectiveVersion: 2, reviewDueOn: '2027-06-20' });
    expect(document.periodicReview.occurrences).toMatchObject([
      { occurrenceId: opened!.occurrenceId, version: 1, metBy: 'new-version' },
    ]);
    expect((await getOccurrence(t.ctx, opened!.occurrenceId)).status).toBe('verified');
    expect(await openDocumentReviews(t.ctx)).toBe(0);
  });

  it('reviews only the effective version, with a next date after today, naming the field', async () => {
    await at('2026-07-01T09:00:00Z');
    const inReview = await quality.call('POST', '/api/v1/documents/import', {
      markdown: sop('SOP-302', '2027-07-01'),
    });
    expect(inReview.statusCode, inReview.body).toBe(201);
    const notEffective = await review('SOP-302', 1, { note: 'Fine' });
    expect(notEffective.statusCode).toBe(409);

    await importEffective(sop('SOP-303', '2026-07-20'));
    const past = await review('SOP-303', 1, { note: 'Fine', nextReviewDueOn: '2026-07-01' });
    expect(past.statusCode).toBe(400);
    expect(JSON.stringify(past.json<ErrorBody>().error)).toContain('nextReviewDueOn');
    const noNote = await review('SOP-303', 1, { note: ' ' });
    expect(noNote.statusCode).toBe(400);
    expect(JSON.stringify(noNote.json<ErrorBody>().error)).toContain('note');
    const document = await detail('SOP-303');
    expect(document.reviewDueOn).toBe('2026-07-20');
    expect(document.periodicReview.reviews).toEqual([]);
  });
});
