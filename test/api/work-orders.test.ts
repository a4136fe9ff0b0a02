import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import type {
  EvidenceView,
  WorkOrderDetail,
  WorkOrderView,
} from '../../src/modules/work-orders/work-order.schema.js';
import { totpCodeAt } from '../../src/platform/auth/totp.js';
import type { UserRole } from '../../src/platform/auth/roles.js';
import { FixedClock } from '../../src/platform/clock.js';
import { SESSION_COOKIE } from '../../src/platform/http/principal.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';

type Method = 'GET' | 'POST' | 'PATCH';

interface Session {
  userId: string;
  cookie: string;
  csrfToken: string;
  call(method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

/** A multipart/form-data body with one file in the field "file". */
function multipart(filename: string, contentType: string, content: Buffer) {
  const boundary = `----plumbline${randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
    `Content-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('work orders with verified closeout', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  let admin: string;
  let performer: Session;
  let verifier: Session;
  let auditor: Session;

  async function logIn(email: string, userId: string, code?: string): Promise<Session> {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    const { csrfToken } = login.json<{ csrfToken: string }>();
    const session: Session = {
      userId,
      cookie,
      csrfToken,
      call: (method, url, payload) =>
        t.app.inject({
          method,
          url,
          cookies: { [SESSION_COOKIE]: cookie },
          headers: { 'x-csrf-token': csrfToken },
          ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
        }),
    };
    if (code)
      expect((await session.call('POST', '/api/v1/auth/mfa/verify', { code })).statusCode).toBe(
        200,
      );
    return session;
  }

  async function person(role: UserRole): Promise<Session> {
    const user = await t.createUser(role);
    return logIn(user.email, user.id);
  }

  const detail = async (id: string) =>
    (await t.call(admin, 'GET', `/api/v1/work-orders/${id}`)).json<WorkOrderDetail>();

  async function occurrenceOf(control: string, statuses = 'due,overdue,upcoming') {
    const response = await t.call(
      admin,
      'GET',
      `/api/v1/occurrences?control=${control}&status=${statuses}`,
    );
    return response.json<{ items: OccurrenceView[] }>().items;
  }

  async function upload(
    session: Session | string,
    workOrderId: string,
    content: Buffer,
    name = 'capacity.pdf',
  ) {
    const body = multipart(name, 'application/pdf; name=x', content);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${workOrderId}/evidence`,
      payload: body.payload,
      ...(typeof session === 'string'
        ? { headers: { ...body.headers, authorization: `Bearer ${session}` } }
        : {
            cookies: { [SESSION_COOKIE]: session.cookie },
            headers: { ...body.headers, 'x-csrf-token': session.csrfToken },
          }),
    });
  }

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { PLUMBLINE_EVIDENCE_MAX_MB: '1', PLUMBLINE_LOGIN_RATE_LIMIT: '1000' },
    });
    admin = await t.tokenFor('admin');
    for (const key of ['web-1', 'web-2']) {
      const asset = {
        key,
        name: `Server ${key}`,
        category: 'server',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'internal',
      };
      expect((await t.call(admin, 'POST', '/api/v1/assets', asset)).statusCode).toBe(201);
    }
    const generated = await t.call(admin, 'POST', '/api/v1/occurrences/generate', {
      from: '2026-03-01T00:00:00Z',
      until: '2026-04-30T00:00:00Z',
    });
    expect(generated.statusCode).toBe(200);
    performer = await person('engineering');
    verifier = await person('quality');
    auditor = await person('auditor');
  });
  afterAll(() => t.close());

  describe('a preventive closeout end to end', () => {
    const content = Buffer.concat([Buffer.from('%PDF-1.7 capacity report '), randomBytes(200_000)]);
    let serial = 0;

    interface Closeout {
      occurrence: OccurrenceView;
      workOrder: WorkOrderView;
    }

    /**
     * A capacity review occurrence of its own, not yet started: the control is organisation-wide
     * and quarterly, so each call takes the next quarter from July 2026 on (the quarters before it
     * belong to the other tests of the file).
     */
    async function freshOccurrence(): Promise<OccurrenceView> {
      const quarter = 2 + serial;
      serial += 1;
      const from = new Date(Date.UTC(2026, quarter * 3, 1));
      const until = new Date(Date.UTC(2026, quarter * 3 + 1, 1));
      const generated = await t.call(admin, 'POST', '/api/v1/occurrences/generate', {
        from: from.toISOString(),
        until: until.toISOString(),
      });
      expect(generated.statusCode).toBe(200);
      const dueBefore = new Date(Date.UTC(2026, quarter * 3 + 4, 1)).toISOString();
      const response = await t.call(
        admin,
        'GET',
        `/api/v1/occurrences?control=capacity-review-quarterly&status=upcoming&dueFrom=${from.toISOString()}&dueBefore=${dueBefore}`,
      );
      const [occurrence] = response.json<{ items: OccurrenceView[] }>().items;
      expect(occurrence).toBeDefined();
      return occurrence!;
    }

    /** Each stage of the closeout, reached through the API by the performer. */
    async function started(): Promise<Closeout> {
      const occurrence = await freshOccurrence();
      const response = await performer.call('POST', `/api/v1/occurrences/${occurrence.id}/start`);
      expect(response.statusCode).toBe(201);
      return { occurrence, workOrder: response.json<WorkOrderView>() };
    }
    async function tickAll(workOrderId: string): Promise<void> {
      for (const item of (await detail(workOrderId)).checklist) {
        const ticked = await performer.call(
          'PATCH',
          `/api/v1/work-orders/${workOrderId}/checklist/${item.id}`,
          { done: true },
        );
        expect(ticked.statusCode).toBe(200);
      }
    }
    async function withEvidence(): Promise<Closeout> {
      const closeout = await started();
      await tickAll(closeout.workOrder.id);
      expect((await upload(admin, closeout.workOrder.id, content)).statusCode).toBe(201);
      return closeout;
    }
    async function completed(): Promise<Closeout> {
      const closeout = await withEvidence();
      const response = await performer.call(
        'POST',
        `/api/v1/work-orders/${closeout.workOrder.id}/complete`,
        { note: 'Capacity fine; disk growth ticket raised.' },
      );
      expect(response.statusCode).toBe(200);
      return closeout;
    }
    async function verified(): Promise<Closeout> {
      const closeout = await completed();
      const response = await verifier.call(
        'POST',
        `/api/v1/work-orders/${closeout.workOrder.id}/verify`,
        { password: TEST_PASSWORD },
      );
      expect(response.statusCode).toBe(200);
      return closeout;
    }

    it('starts an occurrence as a work order with the control’s checklist, once', async () => {
      const occurrence = await freshOccurrence();
      const started = await performer.call('POST', `/api/v1/occurrences/${occurrence.id}/start`);
      expect(started.statusCode).toBe(201);
      const workOrder = started.json<WorkOrderView>();
      expect(workOrder).toMatchObject({
        kind: 'preventive',
        status: 'in_progress',
        occurrenceId: occurrence.id,
        controlKey: 'capacity-review-quarterly',
        ownerRole: 'engineering',
      });
      expect(workOrder.number).toMatch(/^WO-\d{6}$/);
      const again = await performer.call('POST', `/api/v1/occurrences/${occurrence.id}/start`);
      expect(again.statusCode).toBe(200);
      expect(again.json<WorkOrderView>().id).toBe(workOrder.id);
      const shown = await detail(workOrder.id);
      expect(shown.checklist.map((item) => item.position)).toEqual([1, 2, 3]);
      expect(shown.checklist[0]!.text).toMatch(/utilisation trends/);
      expect(shown.occurrence).toMatchObject({ id: occurrence.id, status: 'in_progress' });
    });

    it('refuses to complete while checklist items are open, listing them', async () => {
      const { workOrder } = await started();
      const response = await performer.call(
        'POST',
        `/api/v1/work-orders/${workOrder.id}/complete`,
        {
          note: 'done',
        },
      );
      expect(response.statusCode).toBe(409);
      const body = response.json<{
        error: { message: string; details: { undoneItems: unknown[] } };
      }>();
      expect(body.error.details.undoneItems).toHaveLength(3);
      expect(body.error.message).toMatch(/1\. Collect utilisation trends/);
    });

    it('refuses to complete without the evidence file the control expects', async () => {
      const { workOrder } = await started();
      for (const item of (await detail(workOrder.id)).checklist) {
        const ticked = await performer.call(
          'PATCH',
          `/api/v1/work-orders/${workOrder.id}/checklist/${item.id}`,
          { done: true },
        );
        expect(ticked.statusCode).toBe(200);
        expect(ticked.json()).toMatchObject({ done: true });
      }
      const response = await performer.call(
        'POST',
        `/api/v1/work-orders/${workOrder.id}/complete`,
        {
          note: 'done',
        },
      );
      expect(response.statusCode).toBe(409);
      expect(response.json<{ error: { message: string } }>().error.message).toMatch(
        /evidence file/,
      );
    });

    it('stores evidence encrypted under its hash and gives back the original bytes', async () => {
      const { occurrence, workOrder } = await started();
      const response = await upload(admin, workOrder.id, content);
      expect(response.statusCode).toBe(201);
      const evidence = response.json<EvidenceView>();
      const sha256 = createHash('sha256').update(content).digest('hex');
      expect(evidence).toMatchObject({
        filename: 'capacity.pdf',
        contentType: 'application/pdf',
        sizeBytes: content.length,
        sha256,
      });
      const onDisk = path.join(
        t.config.evidenceDir,
        sha256.slice(0, 2),
        sha256.slice(2, 4),
        `${sha256}.enc`,
      );
      const stored = fs.readFileSync(onDisk);
      expect(stored.includes(content.subarray(0, 64))).toBe(false);
      expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
      const row = await t.ctx.db
        .selectFrom('evidence_attachments')
        .selectAll()
        .where('id', '=', evidence.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        occurrence_id: occurrence.id,
        record_type: 'work-order',
        record_id: workOrder.id,
      });

      const download = await auditor.call('GET', `/api/v1/evidence/${evidence.id}/download`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toMatch(
        /^attachment; filename="capacity.pdf"/,
      );
      expect(Buffer.compare(download.rawPayload, content)).toBe(0);
    });

    it('refuses an oversize upload with 413 and stores nothing', async () => {
      const { workOrder } = await started();
      const before = await t.ctx.db.selectFrom('evidence_attachments').select('id').execute();
      const big = randomBytes(1024 * 1024 + 10);
      const response = await upload(admin, workOrder.id, big, 'huge.bin');
      expect(response.statusCode).toBe(413);
      expect(response.json<{ error: { message: string } }>().error.message).toMatch(/1 MB/);
      const after = await t.ctx.db.selectFrom('evidence_attachments').select('id').execute();
      expect(after).toHaveLength(before.length);
      const sha = createHash('sha256').update(big).digest('hex');
      expect(fs.existsSync(path.join(t.config.evidenceDir, sha.slice(0, 2), sha.slice(2, 4)))).toBe(
        false,
      );
      expect(fs.readdirSync(path.join(t.config.evidenceDir, 'tmp'))).toEqual([]);
    });

    it('refuses an upload whose body ends inside the file with 400, and stores nothing', async () => {
      const { workOrder } = await started();
      const before = await t.ctx.db.selectFrom('evidence_attachments').select('id').execute();
      const body = multipart('cut.pdf', 'application/pdf', randomBytes(4096));
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/work-orders/${workOrder.id}/evidence`,
        payload: body.payload.subarray(0, body.payload.length - 100),
        headers: { ...body.headers, authorization: `Bearer ${admin}` },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ error: { message: string } }>().error.message).toMatch(
        /malformed or incomplete/,
      );
      const after = await t.ctx.db.selectFrom('evidence_attachments').select('id').execute();
      expect(after).toHaveLength(before.length);
      expect(fs.readdirSync(path.join(t.config.evidenceDir, 'tmp'))).toEqual([]);
    });

    it('refuses verification before the work is completed', async () => {
      const { workOrder } = await started();
      const response = await verifier.call('POST', `/api/v1/work-orders/${workOrder.id}/verify`, {
        password: TEST_PASSWORD,
      });
      expect(response.statusCode).toBe(409);
    });

    it('completes with the caller as performer', async () => {
      const { workOrder } = await withEvidence();
      const response = await performer.call(
        'POST',
        `/api/v1/work-orders/${workOrder.id}/complete`,
        {
          note: 'Capacity fine; disk growth ticket raised.',
        },
      );
      expect(response.statusCode).toBe(200);
      expect(response.json<WorkOrderView>()).toMatchObject({
        status: 'done',
        performerId: performer.userId,
        completionNote: 'Capacity fine; disk growth ticket raised.',
      });
    });

    it('rejects a closeout verified by its own performer', async () => {
      const { workOrder } = await completed();
      const response = await performer.call('POST', `/api/v1/work-orders/${workOrder.id}/verify`, {
        password: TEST_PASSWORD,
      });
      expect(response.statusCode).toBe(409);
      expect(response.json<{ error: { message: string } }>().error.message).toBe(
        'a closeout cannot be verified by its own performer',
      );
    });

    it('refuses a signature from an API token', async () => {
      const { workOrder } = await completed();
      const token = await t.tokenFor('quality');
      const response = await t.call(token, 'POST', `/api/v1/work-orders/${workOrder.id}/verify`, {
        password: TEST_PASSWORD,
      });
      expect(response.statusCode).toBe(403);
    });

    it('refuses a signature without a password or code', async () => {
      const { workOrder } = await completed();
      const response = await verifier.call('POST', `/api/v1/work-orders/${workOrder.id}/verify`, {
        note: 'looks fine',
      });
      expect(response.statusCode).toBe(400);
    });

    it('refuses a wrong password and audits the failed signature', async () => {
      const { workOrder } = await completed();
      const response = await verifier.call('POST', `/api/v1/work-orders/${workOrder.id}/verify`, {
        password: 'not my password',
      });
      expect(response.statusCode).toBe(401);
      const audited = await t.ctx.db
        .selectFrom('audit_events')
        .select(['action', 'after'])
        .where('entity_id', '=', workOrder.id)
        .where('action', '=', 'signature.failed')
        .execute();
      expect(audited).toHaveLength(1);
      expect(await detail(workOrder.id)).toMatchObject({ status: 'done', signatures: [] });
    });

    it('lets another person verify with their password: a signature is recorded', async () => {
      const { occurrence, workOrder } = await completed();
      clock.advance(60_000);
      const response = await verifier.call('POST', `/api/v1/work-orders/${workOrder.id}/verify`, {
        password: TEST_PASSWORD,
        note: 'Report reviewed.',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json<WorkOrderView>().status).toBe('verified');
      const shown = await detail(workOrder.id);
      expect(shown.occurrence?.status).toBe('verified');
      expect(shown.signatures).toHaveLength(1);
      expect(shown.signatures[0]).toMatchObject({
        meaning: 'verified',
        signedAt: clock.now().toISOString(),
        method: 'password',
      });
      expect(shown.signatures[0]!.signerLabel).toContain('quality');
      expect(shown.history.map((entry) => entry.kind)).toEqual([
        'created',
        'started',
        'evidence_added',
        'completed',
        'verified',
      ]);
      const signature = await t.ctx.db
        .selectFrom('signatures')
        .selectAll()
        .where('entity_id', '=', workOrder.id)
        .executeTakeFirstOrThrow();
      expect(signature).toMatchObject({
        entity_type: 'work_order',
        entity_id: workOrder.id,
        signer_id: verifier.userId,
        meaning: 'verified',
        method: 'password',
      });
      expect(signature.record_sha256).toMatch(/^[0-9a-f]{64}$/);
      const event = await t.ctx.db
        .selectFrom('occurrence_events')
        .selectAll()
        .where('occurrence_id', '=', occurrence.id)
        .where('kind', '=', 'verified')
        .executeTakeFirstOrThrow();
      expect(event.signature_id).toBe(signature.id);
    });

    it('refuses to complete or verify again once verified', async () => {
      const { workOrder } = await verified();
      const complete = await performer.call(
        'POST',
        `/api/v1/work-orders/${workOrder.id}/complete`,
        {
          note: 'again',
        },
      );
      expect(complete.statusCode).toBe(409);
      const verify = await verifier.call('POST', `/api/v1/work-orders/${workOrder.id}/verify`, {
        password: TEST_PASSWORD,
      });
      expect(verify.statusCode).toBe(409);
      const upload409 = await upload(admin, workOrder.id, Buffer.from('late'));
      expect(upload409.statusCode).toBe(409);
    });
  });

  it('creates one work order when an occurrence is started twice at once', async () => {
    const due = (await t.call(admin, 'GET', '/api/v1/occurrences?status=due,overdue')).json<{
      items: OccurrenceView[];
    }>().items;
    const occurrence = due.find((candidate) => candidate.events.length === 0)!;
    const [a, b] = await Promise.all([
      performer.call('POST', `/api/v1/occurrences/${occurrence.id}/start`),
      verifier.call('POST', `/api/v1/occurrences/${occurrence.id}/start`),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json<WorkOrderView>().id).toBe(b.json<WorkOrderView>().id);
    const events = await t.ctx.db
      .selectFrom('occurrence_events')
      .select('kind')
      .where('occurrence_id', '=', occurrence.id)
      .execute();
    expect(events).toEqual([{ kind: 'started' }]);
  });

  it('reopens a rejected closeout and shows the reason in its history', async () => {
    const created = await performer.call('POST', '/api/v1/work-orders', {
      title: 'Replace failed disk in web-1',
      description: 'RAID reports a failed member.',
      assetKey: 'web-1',
    });
    expect(created.statusCode).toBe(201);
    const workOrder = created.json<WorkOrderView>();
    expect(workOrder).toMatchObject({ kind: 'corrective', status: 'open', assetKey: 'web-1' });
    expect(
      (
        await performer.call('POST', `/api/v1/work-orders/${workOrder.id}/complete`, {
          note: 'swapped',
        })
      ).statusCode,
    ).toBe(200);
    const noReason = await verifier.call('POST', `/api/v1/work-orders/${workOrder.id}/reject`, {
      password: TEST_PASSWORD,
    });
    expect(noReason.statusCode).toBe(400);
    const rejected = await verifier.call('POST', `/api/v1/work-orders/${workOrder.id}/reject`, {
      password: TEST_PASSWORD,
      reason: 'No rebuild log attached.',
    });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json<WorkOrderView>().status).toBe('in_progress');
    const shown = await detail(workOrder.id);
    expect(shown.signatures.map((s) => s.meaning)).toEqual(['rejected']);
    expect(shown.history.at(-1)).toMatchObject({
      kind: 'rejected',
      note: 'No rebuild log attached.',
    });
    const listed = await performer.call(
      'GET',
      '/api/v1/work-orders?status=in_progress&kind=corrective&mine=true',
    );
    expect(listed.json<{ items: WorkOrderView[] }>().items.map((item) => item.id)).toContain(
      workOrder.id,
    );
  });

  it('tells each caller whether they may sign the closeout, as the server decides', async () => {
    const created = await performer.call('POST', '/api/v1/work-orders', {
      title: 'Rotate the web-2 TLS certificate',
      description: 'Expires next month.',
      assetKey: 'web-2',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<WorkOrderView>().id;
    const abilitiesFor = async (session: Session | string) =>
      (typeof session === 'string'
        ? await t.call(session, 'GET', `/api/v1/work-orders/${id}`)
        : await session.call('GET', `/api/v1/work-orders/${id}`)
      ).json<WorkOrderDetail>().abilities;

    // Still open: nobody may sign yet, and the reason says why.
    const open = await abilitiesFor(verifier);
    expect(open.verify.allowed).toBe(false);
    expect(open.verify.reason).toMatch(/cannot be verified: complete it first/);

    await performer.call('POST', `/api/v1/work-orders/${id}/complete`, { note: 'renewed' });
    expect((await abilitiesFor(verifier)).verify).toEqual({ allowed: true, reason: null });
    expect((await abilitiesFor(verifier)).reject).toEqual({ allowed: true, reason: null });
    expect((await abilitiesFor(performer)).verify).toEqual({
      allowed: false,
      reason: 'a closeout cannot be verified by its own performer',
    });
    expect((await abilitiesFor(admin)).verify).toEqual({
      allowed: false,
      reason: 'An API token cannot sign: sign in as a person',
    });
    // A role that may never sign is told nothing more.
    expect((await abilitiesFor(auditor)).verify).toEqual({ allowed: false, reason: null });

    // The server enforces what the abilities said.
    const own = await performer.call('POST', `/api/v1/work-orders/${id}/verify`, {
      password: TEST_PASSWORD,
    });
    expect(own.statusCode).toBe(409);
    const signed = await verifier.call('POST', `/api/v1/work-orders/${id}/verify`, {
      password: TEST_PASSWORD,
    });
    expect(signed.statusCode).toBe(200);
    expect((await abilitiesFor(verifier)).verify.allowed).toBe(false);
  });

  it('signs with a TOTP code for a person with MFA, in the control’s verifier role', async () => {
    const event = await t.call(admin, 'POST', '/api/v1/events', {
      type: 'critical-patch-released',
      asset: 'web-1',
      at: clock.now().toISOString(),
    });
    expect(event.statusCode).toBe(201);
    const [occurrenceId] = event.json<{ occurrenceIds: string[] }>().occurrenceIds;
    const workOrder = (
      await performer.call('POST', `/api/v1/occurrences/${occurrenceId}/start`)
    ).json<WorkOrderView>();
    for (const item of (await detail(workOrder.id)).checklist) {
      await performer.call('PATCH', `/api/v1/work-orders/${workOrder.id}/checklist/${item.id}`, {
        done: true,
      });
    }
    expect(
      (
        await performer.call('POST', `/api/v1/work-orders/${workOrder.id}/complete`, {
          note: 'patched',
        })
      ).statusCode,
    ).toBe(200);
    // critical-patch-72h names security as its verifier role.
    const wrongRole = await verifier.call('POST', `/api/v1/work-orders/${workOrder.id}/verify`, {
      password: TEST_PASSWORD,
    });
    expect(wrongRole.statusCode).toBe(403);

    const user = await t.createUser('security');
    const enrolling = await logIn(user.email, user.id);
    const { secret } = (await enrolling.call('POST', '/api/v1/auth/mfa/enrol')).json<{
      secret: string;
    }>();
    expect(
      (
        await enrolling.call('POST', '/api/v1/auth/mfa/confirm', {
          code: totpCodeAt(secret, clock.now()),
        })
      ).statusCode,
    ).toBe(200);
    clock.advance(30_000);
    const security = await logIn(user.email, user.id, totpCodeAt(secret, clock.now()));
    // The code just used to sign in cannot sign.
    const replay = await security.call('POST', `/api/v1/work-orders/${workOrder.id}/verify`, {
      totpCode: totpCodeAt(secret, clock.now()),
    });
    expect(replay.statusCode).toBe(401);
    clock.advance(30_000);
    const signed = await security.call('POST', `/api/v1/work-orders/${workOrder.id}/verify`, {
      totpCode: totpCodeAt(secret, clock.now()),
    });
    expect(signed.statusCode).toBe(200);
    expect((await detail(workOrder.id)).signatures).toMatchObject([
      { meaning: 'verified', method: 'totp' },
    ]);
  });

  it('marks an occurrence not applicable only with a justification, and only once', async () => {
    const [occurrence] = await occurrenceOf('capacity-review-quarterly', 'upcoming,due');
    const url = `/api/v1/occurrences/${occurrence!.id}/not-applicable`;
    expect((await performer.call('POST', url, { justification: 'n/a' })).statusCode).toBe(400);
    expect((await performer.call('POST', url, {})).statusCode).toBe(400);
    const marked = await performer.call('POST', url, {
      justification: 'The platform was shut down for the whole quarter.',
    });
    expect(marked.statusCode).toBe(200);
    expect(marked.json<OccurrenceView>().status).toBe('not_applicable');
    const again = await performer.call('POST', url, {
      justification: 'The platform was shut down for the whole quarter.',
    });
    expect(again.statusCode).toBe(409);
    expect(
      (await performer.call('POST', `/api/v1/occurrences/${occurrence!.id}/start`)).statusCode,
    ).toBe(409);
  });

  it('lets an auditor read work but not act on it', async () => {
    const created = await performer.call('POST', '/api/v1/work-orders', {
      title: 'Check the web-2 fan alarm',
      description: 'The BMC reports a fan at low speed.',
      assetKey: 'web-2',
    });
    expect(created.statusCode).toBe(201);
    const list = await auditor.call('GET', '/api/v1/work-orders');
    expect(list.statusCode).toBe(200);
    const first = list
      .json<{ items: WorkOrderView[] }>()
      .items.find((item) => item.id === created.json<WorkOrderView>().id);
    expect(first).toBeDefined();
    expect((await auditor.call('GET', `/api/v1/work-orders/${first!.id}`)).statusCode).toBe(200);
    const [open] = await occurrenceOf('capacity-review-quarterly', 'upcoming,due,overdue');
    if (open)
      expect((await auditor.call('POST', `/api/v1/occurrences/${open.id}/start`)).statusCode).toBe(
        403,
      );
    expect(
      (await auditor.call('POST', '/api/v1/work-orders', { title: 'x x x', description: 'y' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await auditor.call('POST', `/api/v1/work-orders/${first!.id}/verify`, {
          password: TEST_PASSWORD,
        })
      ).statusCode,
    ).toBe(403);
    expect((await upload(auditor, first!.id, Buffer.from('x'))).statusCode).toBe(403);
  });
});
