import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WorkOrderView } from '../../src/modules/work-orders/work-order.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { startPlumbline, type RunningPlumbline } from '../../src/app/start.js';
import { createApiToken } from '../../src/modules/identity/api-token.service.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { plumbline } from '../cli/cli-harness.js';
import { createTestApp, testConfig, type TestApp } from '../support/test-app.js';
import { testDatabaseKind } from '../support/test-database.js';

/**
 * A real full disk: a 2 MB tmpfs as the evidence directory. Mounting needs root (CI runs as
 * root); elsewhere these tests are skipped, and src/platform/storage/storage-full.test.ts still
 * proves the 507 answer with real ENOSPC writes to /dev/full.
 */
function mountTinyFileSystem(size = '2m'): { path: string; unmount(): void } | null {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', directory], {
      stdio: 'ignore',
    });
  } catch {
    fs.rmSync(directory, { recursive: true, force: true });
    return null;
  }
  return {
    path: directory,
    unmount() {
      execFileSync('umount', [directory], { stdio: 'ignore' });
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Writes until the file system refuses: what is left cannot hold a page. */
function fill(directory: string): string {
  const filler = path.join(directory, 'filler');
  try {
    fs.writeFileSync(filler, Buffer.alloc(256 * 1024 * 1024));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
  return filler;
}

function multipart(content: Buffer) {
  const boundary = `----plumbline${randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="report.pdf"\r\n` +
    'Content-Type: application/pdf\r\n\r\n';
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

const tiny = mountTinyFileSystem();

describe.skipIf(tiny === null)('a full evidence disk (tmpfs, as root)', () => {
  // Each test has an app and a clock of its own and fills the disk itself, so any one of them can
  // run alone or in any order; the small file system is shared and emptied after each.
  let clock: FixedClock;
  let t: TestApp;
  let engineer: string;
  let workOrder: WorkOrderView;
  let filler: string | undefined;

  beforeEach(async () => {
    clock = new FixedClock('2026-03-10T09:00:00Z');
    t = await createTestApp({ clock, env: { PLUMBLINE_EVIDENCE_DIR: tiny!.path } });
    engineer = await t.tokenFor('engineering');
    const created = await t.call(engineer, 'POST', '/api/v1/work-orders', {
      title: 'Replace the failed disk',
      description: 'RAID reports a failed member.',
    });
    expect(created.statusCode).toBe(201);
    workOrder = created.json<WorkOrderView>();
  });
  afterEach(async () => {
    await t.close();
    if (filler) fs.rmSync(filler, { force: true });
    filler = undefined;
  });
  afterAll(() => tiny!.unmount());

  /** Fills the disk and tries an upload, which fails for want of space. */
  async function uploadToAFullDisk() {
    filler = fill(tiny!.path);
    const body = multipart(randomBytes(256 * 1024));
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${workOrder.id}/evidence`,
      payload: body.payload,
      headers: { 'content-type': body.contentType, authorization: `Bearer ${engineer}` },
    });
  }

  it('answers an evidence upload with 507 storage_full and keeps no partial file', async () => {
    const response = await uploadToAFullDisk();
    expect(response.statusCode).toBe(507);
    expect(response.json()).toMatchObject({
      error: {
        code: 'storage_full',
        message: expect.stringMatching(/file store is out of disk space/) as unknown,
      },
    });
    expect(fs.readdirSync(path.join(tiny!.path, 'tmp'))).toEqual([]);
    const evidence = await t.ctx.db.selectFrom('evidence_attachments').select('id').execute();
    expect(evidence).toEqual([]);
  });

  it('reports the evidence store as failing in health and readiness while it is full', async () => {
    expect((await uploadToAFullDisk()).statusCode).toBe(507);
    for (const url of ['/api/v1/health', '/api/v1/health/ready']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        status: 'failing',
        checks: {
          database: { status: 'ok' },
          evidenceStore: {
            status: 'failing',
            message: expect.stringContaining('ENOSPC') as unknown,
          },
        },
      });
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/health/live' })).statusCode).toBe(
      200,
    );
  });

  it('keeps reporting the failed upload for a minute after space is freed, then recovers', async () => {
    expect((await uploadToAFullDisk()).statusCode).toBe(507);
    fs.rmSync(filler!);
    filler = undefined;
    const soon = await t.app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(soon.statusCode).toBe(503);
    expect(soon.json()).toMatchObject({
      checks: {
        evidenceStore: {
          status: 'failing',
          message: expect.stringMatching(/a write failed with ENOSPC/) as unknown,
        },
      },
    });
    clock.advance(61_000);
    const later = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(later.statusCode).toBe(200);
    expect(later.json()).toMatchObject({ status: 'ok' });
  });
});

// The embedded database's disk exists only in the PGlite project; the PostgreSQL project has no
// counterpart, so it registers nothing rather than a skipped suite.
const embedded = testDatabaseKind() === 'pglite';
const embeddedDisk = embedded ? mountTinyFileSystem('96m') : null;

(embedded ? describe.skipIf(embeddedDisk === null) : () => undefined)(
  'a full disk under the embedded database (tmpfs, as root)',
  () => {
    let running: RunningPlumbline;
    let admin: string;
    const call = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
      running.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${admin}` },
        ...(payload ? { payload } : {}),
      });

    beforeAll(async () => {
      // The PGlite data directory on the small file system; evidence elsewhere, so only the
      // database runs out of space.
      running = await startPlumbline({
        config: testConfig({
          PLUMBLINE_DATA_DIR: embeddedDisk!.path,
          PLUMBLINE_EVIDENCE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-evidence-')),
        }),
        clock: new FixedClock('2026-03-10T09:00:00Z'),
        webRoot: '',
      });
      admin = (await createApiToken(running.ctx, systemActor, { name: 'a', role: 'admin' })).token;
      for (let index = 0; index < 20; index += 1) {
        const created = await call('POST', '/api/v1/assets', {
          key: `server-${index}`,
          name: `Server ${index}`,
          category: 'server',
          environment: 'production',
          ownerRole: 'engineering',
          criticality: 'medium',
          dataClassification: 'internal',
        });
        expect(created.statusCode).toBe(201);
      }
      fill(embeddedDisk!.path);
    });
    afterAll(async () => {
      await running.close();
      fs.rmSync(running.ctx.config.evidenceDir, { recursive: true, force: true });
      embeddedDisk!.unmount();
    });

    it('answers a large write with 507 storage_full (PGlite reports SQLSTATE 53100)', async () => {
      const generated = await call('POST', '/api/v1/occurrences/generate', {
        from: '2026-01-01T00:00:00Z',
        until: '2026-12-31T00:00:00Z',
      });
      expect(generated.statusCode).toBe(507);
      expect(generated.json()).toMatchObject({
        error: {
          code: 'storage_full',
          message: expect.stringMatching(/the database is out of disk space/) as unknown,
        },
      });
    });

    it('reports the database as failing in health while its writes fail', async () => {
      const generated = await call('POST', '/api/v1/occurrences/generate', {
        from: '2026-01-01T00:00:00Z',
        until: '2026-12-31T00:00:00Z',
      });
      expect(generated.statusCode).toBe(507);
      const response = await running.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        status: 'failing',
        checks: {
          database: {
            status: 'failing',
            message: expect.stringContaining('a write failed with 53100') as unknown,
          },
        },
      });
    });
  },
);

describe('an evidence directory that cannot be written (no root needed)', () => {
  let t: TestApp;
  let parent: string;

  beforeAll(async () => {
    // A directory "inside" a regular file: every write there fails (ENOTDIR), even for root.
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-unwritable-'));
    fs.writeFileSync(path.join(parent, 'not-a-directory'), 'x');
    t = await createTestApp({
      env: { PLUMBLINE_EVIDENCE_DIR: path.join(parent, 'not-a-directory', 'evidence') },
    });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it('is not ready (503, component named) but alive', async () => {
    const ready = await t.app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      status: 'failing',
      checks: {
        database: { status: 'ok' },
        evidenceStore: {
          status: 'failing',
          message: expect.stringContaining('ENOTDIR') as unknown,
        },
      },
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/health/live' })).statusCode).toBe(
      200,
    );
  });

  it('makes `plumbline health` exit 1 naming the failing component', async () => {
    const url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const result = await plumbline(['--url', url, 'health']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^failing \((pglite|postgresql), version [^)]+\)\n {2}evidenceStore: the evidence store does not take writes \(ENOTDIR\)\n$/,
    );
  });
});
