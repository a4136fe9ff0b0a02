import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import { getOccurrence } from '../../src/modules/occurrences/list-occurrences.js';
import type { SupplierView } from '../../src/modules/register/supplier.schema.js';
import {
  completeSupplierCertificateRenewals,
  openSupplierCertificateRenewals,
} from '../../src/modules/supplier-reviews/supplier-certificate-renewals.js';
import type {
  ReviewDetail,
  ReviewView,
  SupplierEventView,
} from '../../src/modules/supplier-reviews/supplier-review.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { signedInPerson, uploadAs, type Person } from '../support/factory.js';

describe('supplier reviews and certificate renewals', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  let admin: string;
  let engineerToken: string;
  let quality: Person;
  /** Signs in afresh: the tests move the clock by months, past any session's life. */
  const signIn = async () => {
    quality = await signedInPerson(t, 'quality');
  };
  let supplierCount = 0;

  async function newSupplier(certifications: { name: string; expiresOn: string | null }[] = []) {
    supplierCount += 1;
    const key = `supplier-${supplierCount}`;
    const response = await t.call(admin, 'POST', '/api/v1/suppliers', {
      key,
      name: `Supplier ${supplierCount}`,
      certifications,
    });
    expect(response.statusCode, response.body).toBe(201);
    return key;
  }

  async function draft(supplier: string, body: Record<string, unknown> = {}) {
    const response = await quality.call('POST', `/api/v1/suppliers/${supplier}/reviews`, {
      reportKind: 'soc2-type-2',
      reportTitle: 'SOC 2 Type II, 2025',
      periodFrom: '2025-01-01',
      periodTo: '2025-12-31',
      opinion: 'qualified',
      exceptions: 'Two terminated users kept access for 10 days.',
      bridgeLetterThrough: '2026-03-31',
      cuecs: ['Customers review their users quarterly', 'Customers enable MFA'],
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<ReviewDetail>();
  }

  const attachReport = async (id: string) => {
    const response = await uploadAs(
      t,
      quality,
      `/api/v1/supplier-reviews/${id}/evidence`,
      'soc2-2025.pdf',
      Buffer.from('%PDF the report'),
    );
    expect(response.statusCode, response.body).toBe(201);
  };
  const check = (id: string, position: number, inPlace = true) =>
    quality.call('PATCH', `/api/v1/supplier-reviews/${id}/cuecs/${position}`, {
      inPlace,
      comment: inPlace ? 'Operated, see access review' : 'Not yet',
    });
  const sign = (id: string, body: Record<string, unknown> = {}) =>
    quality.call('POST', `/api/v1/supplier-reviews/${id}/sign`, {
      decision: 'approved_with_conditions',
      conditions: 'Bridge letter for Q2 by 2026-07-01',
      nextReviewDue: '2027-03-01',
      password: TEST_PASSWORD,
      ...body,
    });

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    admin = await t.tokenFor('admin');
    engineerToken = await t.tokenFor('engineering');
  });
  afterAll(() => t.close());

  it('signs a review once the report is attached and every CUEC checked, and then freezes it', async () => {
    clock.set('2026-03-10T09:00:00Z');
    await signIn();
    const supplier = await newSupplier();
    const review = await draft(supplier);
    expect(review).toMatchObject({
      status: 'draft',
      supplier: { key: supplier },
      cuecCount: 2,
      cuecsChecked: 0,
      abilities: { edit: { allowed: true }, sign: { allowed: true } },
    });

    const early = await sign(review.id);
    expect(early.statusCode).toBe(409);
    expect(early.json<ErrorBody>().error.message).toMatch(/CUEC/);
    expect((await check(review.id, 1)).statusCode).toBe(200);
    expect((await check(review.id, 2, false)).statusCode).toBe(200);
    expect((await sign(review.id)).json<ErrorBody>().error.message).toMatch(
      /report or certificate/,
    );
    await attachReport(review.id);

    const wrongPassword = await sign(review.id, { password: 'not it' });
    expect(wrongPassword.statusCode).toBe(401);
    const signed = await sign(review.id);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json<ReviewDetail>()).toMatchObject({
      status: 'signed',
      decision: 'approved_with_conditions',
      conditions: 'Bridge letter for Q2 by 2026-07-01',
      nextReviewDue: '2027-03-01',
      cuecsChecked: 2,
      cuecs: [
        { position: 1, inPlace: true },
        { position: 2, inPlace: false, comment: 'Not yet' },
      ],
      evidence: [{ filename: 'soc2-2025.pdf' }],
      signature: { meaning: 'supplier-review-decision', signerLabel: quality.signerLabel },
      abilities: { edit: { allowed: false }, sign: { allowed: false } },
    });

    expect((await check(review.id, 1, false)).statusCode).toBe(409);
    expect((await sign(review.id)).statusCode).toBe(409);
    const late = await uploadAs(
      t,
      quality,
      `/api/v1/supplier-reviews/${review.id}/evidence`,
      'late.pdf',
      Buffer.from('late'),
    );
    expect(late.statusCode).toBe(409);

    const timeline = await t.call(admin, 'GET', `/api/v1/suppliers/${supplier}/timeline`);
    expect(timeline.json<{ items: SupplierEventView[] }>().items).toMatchObject([
      { kind: 'review', reviewId: review.id },
    ]);
    const actions = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', review.id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'supplier_review.created',
        'supplier_review.cuec_checked',
        'supplier_review.signed',
      ]),
    );
  });

  it('requires conditions for an approval with conditions and refuses bad input by field', async () => {
    clock.set('2026-03-20T09:00:00Z');
    await signIn();
    const supplier = await newSupplier();
    const review = await draft(supplier, { cuecs: [] });
    const noConditions = await sign(review.id, { conditions: '' });
    expect(noConditions.statusCode).toBe(400);
    expect(JSON.stringify(noConditions.json())).toContain('body.conditions');

    const badOpinion = await quality.call('POST', `/api/v1/suppliers/${supplier}/reviews`, {
      reportKind: 'soc2-type-2',
      reportTitle: 'x',
      opinion: 'glowing',
    });
    expect(badOpinion.statusCode).toBe(400);
    expect(JSON.stringify(badOpinion.json())).toContain('body.opinion');
    const backwards = await quality.call('POST', `/api/v1/suppliers/${supplier}/reviews`, {
      reportKind: 'iso-certificate',
      reportTitle: 'ISO 27001',
      opinion: 'not-applicable',
      periodFrom: '2026-02-01',
      periodTo: '2026-01-01',
    });
    expect(backwards.statusCode).toBe(400);
    expect(JSON.stringify(backwards.json())).toContain('body.periodTo');
    expect((await check(review.id, 7)).statusCode).toBe(404);
    const engineer = await t.call(engineerToken, 'POST', `/api/v1/suppliers/${supplier}/reviews`, {
      reportKind: 'other',
      reportTitle: 'x',
      opinion: 'unqualified',
    });
    expect(engineer.statusCode).toBe(403);
    const noSuchSupplier = await draft(supplier).then(() =>
      quality.call('POST', '/api/v1/suppliers/nobody/reviews', {
        reportKind: 'other',
        reportTitle: 'x',
        opinion: 'unqualified',
      }),
    );
    expect(noSuchSupplier.statusCode).toBe(404);
    const badCursor = await t.call(admin, 'GET', '/api/v1/supplier-reviews?cursor=nope');
    expect(badCursor.statusCode).toBe(400);
  });

  it('lists reviews newest first, a page at a time, filtered by supplier', async () => {
    clock.set('2026-04-01T09:00:00Z');
    await signIn();
    const supplier = await newSupplier();
    const ids: string[] = [];
    for (const minute of [1, 2, 3]) {
      clock.set(`2026-04-01T10:0${minute}:00Z`);
      ids.push((await draft(supplier)).id);
    }
    const first = await t.call(admin, 'GET', `/api/v1/suppliers/${supplier}/reviews?limit=2`);
    const page = first.json<{ items: ReviewView[]; nextCursor: string | null }>();
    expect(page.items.map((r) => r.id)).toEqual([ids[2], ids[1]]);
    const second = await t.call(
      admin,
      'GET',
      `/api/v1/supplier-reviews?supplier=${supplier}&limit=2&cursor=${page.nextCursor}`,
    );
    expect(second.json<{ items: ReviewView[]; nextCursor: string | null }>()).toMatchObject({
      items: [{ id: ids[0] }],
      nextCursor: null,
    });
  });

  it('opens the renewal 30 days before a certification expires, due at expiry, and a renewed certificate completes it', async () => {
    clock.set('2026-05-01T09:00:00Z');
    await signIn();
    const supplier = await newSupplier([
      { name: 'ISO/IEC 27001', expiresOn: '2026-06-15' },
      { name: 'SOC 2 Type II', expiresOn: '2026-12-31' },
    ]);
    expect(await openSupplierCertificateRenewals(t.ctx)).toBe(0);

    clock.set('2026-05-16T09:00:00Z');
    expect(await openSupplierCertificateRenewals(t.ctx)).toBe(0);
    clock.set('2026-05-17T09:00:00Z');
    await signIn();
    expect(await openSupplierCertificateRenewals(t.ctx)).toBe(1);
    expect(await openSupplierCertificateRenewals(t.ctx)).toBe(0);
    const certificates = await t.call(admin, 'GET', `/api/v1/suppliers/${supplier}/certificates`);
    const iso = certificates
      .json<{ items: { name: string; renewal: { occurrenceId: string } | null }[] }>()
      .items.find((c) => c.name === 'ISO/IEC 27001')!;
    const occurrence = await getOccurrence(t.ctx, iso.renewal!.occurrenceId);
    expect(occurrence).toMatchObject({
      controlKey: 'supplier-certification-expiry-30d',
      status: 'due',
    });
    expect(new Date(occurrence.opensAt).toISOString()).toBe('2026-05-16T22:00:00.000Z');
    expect(new Date(occurrence.dueAt).toISOString()).toBe('2026-06-15T22:00:00.000Z');

    clock.set('2026-06-01T09:00:00Z');
    await signIn();
    const renewed = await quality.call('POST', `/api/v1/suppliers/${supplier}/certificates`, {
      name: 'ISO/IEC 27001',
      expiresOn: '2029-06-15',
    });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect((await getOccurrence(t.ctx, iso.renewal!.occurrenceId)).status).toBe('verified');
    const view = await t.call(admin, 'GET', `/api/v1/suppliers/${supplier}`);
    expect(view.json<SupplierView>().certifications).toContainEqual(
      expect.objectContaining({ name: 'ISO/IEC 27001', expiresOn: '2029-06-15' }),
    );
    expect(await openSupplierCertificateRenewals(t.ctx)).toBe(0);
  });

  it('misses the renewal of a certification left to expire, and completes it when the register is edited', async () => {
    clock.set('2026-07-01T09:00:00Z');
    await signIn();
    const supplier = await newSupplier([{ name: 'SOC 2 Type II', expiresOn: '2026-05-31' }]);
    await openSupplierCertificateRenewals(t.ctx);
    const renewal = await t.ctx.db
      .selectFrom('supplier_certificate_renewals')
      .innerJoin('suppliers', 'suppliers.id', 'supplier_certificate_renewals.supplier_id')
      .select('occurrence_id')
      .where('suppliers.key', '=', supplier)
      .executeTakeFirstOrThrow();
    expect((await getOccurrence(t.ctx, renewal.occurrence_id)).status).toBe('missed');

    const edit = await t.call(admin, 'PATCH', `/api/v1/suppliers/${supplier}`, {
      certifications: [{ name: 'SOC 2 Type II', expiresOn: '2027-05-31' }],
    });
    expect(edit.statusCode).toBe(200);
    await completeSupplierCertificateRenewals(t.ctx);
    expect((await getOccurrence(t.ctx, renewal.occurrence_id)).status).toBe('verified');
    expect(await completeSupplierCertificateRenewals(t.ctx)).toBe(0);
  });

  it("satisfies the year's review occurrence once every supplier of a registered asset has a signed review", async () => {
    clock.set('2026-09-01T09:00:00Z');
    await signIn();
    await generateOccurrences(t.ctx, {
      from: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2027-01-01T00:00:00Z'),
    });
    const withAssets: string[] = [];
    for (const n of [1, 2]) {
      const supplier = await newSupplier();
      withAssets.push(supplier);
      const asset = await t.call(admin, 'POST', '/api/v1/assets', {
        key: `hosted-${supplierCount}`,
        name: `Hosted ${n}`,
        category: 'cloud-service',
        environment: 'production',
        criticality: 'medium',
        ownerRole: 'engineering',
        dataClassification: 'internal',
        supplierKey: supplier,
        thirdPartyManaged: true,
      });
      expect(asset.statusCode, asset.body).toBe(201);
    }
    const occurrenceId = async () => {
      const row = await t.ctx.db
        .selectFrom('occurrences')
        .innerJoin('controls', 'controls.id', 'occurrences.control_id')
        .select('occurrences.id')
        .where('controls.key', '=', 'supplier-certification-review')
        .where('occurrences.opens_at', '<=', clock.now())
        .orderBy('occurrences.opens_at', 'desc')
        .executeTakeFirstOrThrow();
      return row.id;
    };
    const reviewAndSign = async (supplier: string) => {
      const review = await draft(supplier, { cuecs: [] });
      await attachReport(review.id);
      const signed = await sign(review.id, { decision: 'approved', conditions: '' });
      expect(signed.statusCode, signed.body).toBe(200);
    };
    // Suppliers created by earlier tests have no assets: only these two count.
    await reviewAndSign(withAssets[0]!);
    expect((await getOccurrence(t.ctx, await occurrenceId())).status).not.toBe('verified');
    await reviewAndSign(withAssets[1]!);
    expect((await getOccurrence(t.ctx, await occurrenceId())).status).toBe('verified');
  });

  it('keeps service reports and incidents on the supplier timeline, with their files', async () => {
    clock.set('2026-10-01T09:00:00Z');
    await signIn();
    const supplier = await newSupplier();
    const added = await t.call(admin, 'POST', `/api/v1/suppliers/${supplier}/timeline`, {
      kind: 'service-report',
      title: 'Q3 service report: 99.97 % availability',
    });
    expect(added.statusCode, added.body).toBe(201);
    const event = added.json<SupplierEventView>();
    const file = await uploadAs(
      t,
      quality,
      `/api/v1/supplier-events/${event.id}/evidence`,
      'q3.pdf',
      Buffer.from('report'),
    );
    expect(file.statusCode, file.body).toBe(201);
    const missingIncident = await t.call(admin, 'POST', `/api/v1/suppliers/${supplier}/timeline`, {
      kind: 'incident',
      title: 'Outage',
      incidentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(missingIncident.statusCode).toBe(404);
    const timeline = await t.call(admin, 'GET', `/api/v1/suppliers/${supplier}/timeline`);
    expect(timeline.json<{ items: SupplierEventView[] }>().items).toMatchObject([
      { kind: 'service-report', evidence: [{ filename: 'q3.pdf' }] },
    ]);
  });
});
