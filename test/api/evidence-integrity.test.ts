import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACK_FILE_MAGIC } from '../../src/platform/evidence/pack-storage.js';
import type { PackJob } from '../../src/modules/packs/pack.schema.js';
import { sealPlainPacks } from '../../src/modules/packs/seal-plain-packs.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createEvidenceStore } from '../../src/platform/evidence/evidence-store.js';
import { openForDownload } from '../../src/platform/evidence/open-for-download.js';
import { installErrorHandler } from '../../src/platform/http/error-handler.js';
import { sendEvidenceFile } from '../../src/platform/http/evidence-files.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { PATCH_REPORT, RESTORE_REPORT, seedPackPeriod, waitForPack } from './packs.fixtures.js';

/*
 * No download sends a byte of a stored file before the whole file has authenticated: a file
 * altered on disk, or sealed under another instance key, is answered with a 500
 * `evidence_corrupt` and recorded in the audit trail as `evidence.corrupt`.
 */
describe('evidence and pack downloads verify before sending', () => {
  const clock = new FixedClock('2026-03-01T00:00:00Z');
  let t: TestApp;
  let admin: string;
  let auditor: string;
  let downloads: { route: string; entityType: string; entityId: string; file: () => string }[];
  let pack: PackJob;

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    auditor = await t.tokenFor('auditor');
    const { evidenceId, recoveryEvidenceId } = await seedPackPeriod(t, clock, admin);
    const requested = await t.call(auditor, 'POST', '/api/v1/reports/packs', {
      framework: 'iso9001',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    pack = await waitForPack(t, auditor, requested.json<PackJob>().id);
    expect(pack.state).toBe('done');
    const evidence = await t.ctx.db
      .selectFrom('evidence_attachments')
      .select('storage_key')
      .where('id', '=', evidenceId)
      .executeTakeFirstOrThrow();
    const recovery = await t.ctx.db
      .selectFrom('evidence_attachments')
      .select('storage_key')
      .where('id', '=', recoveryEvidenceId)
      .executeTakeFirstOrThrow();
    downloads = [
      {
        route: `/api/v1/evidence/${evidenceId}/download`,
        entityType: 'evidence',
        entityId: evidenceId,
        file: () => t.ctx.evidenceStore.pathOf(evidence.storage_key),
      },
      {
        route: `/api/v1/evidence/${recoveryEvidenceId}/download`,
        entityType: 'evidence',
        entityId: recoveryEvidenceId,
        file: () => t.ctx.evidenceStore.pathOf(recovery.storage_key),
      },
      {
        route: `/api/v1/reports/packs/${pack.id}/download`,
        entityType: 'evidence_pack',
        entityId: pack.id,
        file: () => t.ctx.packStorage.pathOf(pack.id),
      },
    ];
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const corruptEntries = (entityId: string) =>
    t.ctx.db
      .selectFrom('audit_events')
      .select(['actor_label', 'after'])
      .where('action', '=', 'evidence.corrupt')
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();

  /** Runs `check` with the stored file replaced by `bytes`, then puts the original back. */
  const withFile = async (file: string, bytes: Buffer, check: () => Promise<void>) => {
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, bytes);
    try {
      await check();
    } finally {
      fs.writeFileSync(file, original);
    }
  };

  it('downloads every intact file, decrypted', async () => {
    for (const { route } of downloads) {
      const response = await t.call(auditor, 'GET', route);
      expect(response.statusCode, route).toBe(200);
    }
    const [evidence, recovery] = downloads;
    expect((await t.call(auditor, 'GET', evidence!.route)).rawPayload).toEqual(PATCH_REPORT);
    expect((await t.call(auditor, 'GET', recovery!.route)).rawPayload).toEqual(RESTORE_REPORT);
  });

  it('keeps the pack encrypted on the server', () => {
    const onDisk = fs.readFileSync(t.ctx.packStorage.pathOf(pack.id));
    expect(onDisk.subarray(0, PACK_FILE_MAGIC.length)).toEqual(PACK_FILE_MAGIC);
    expect(onDisk.includes(Buffer.from('manifest.json'))).toBe(false);
    expect(onDisk.includes(PATCH_REPORT)).toBe(false);
  });

  it('answers 500 evidence_corrupt for a file with one byte flipped, and audits it', async () => {
    for (const { route, entityType, entityId, file } of downloads) {
      const bytes = fs.readFileSync(file());
      bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
      await withFile(file(), bytes, async () => {
        const before = (await corruptEntries(entityId)).length;
        const response = await t.call(auditor, 'GET', route);
        expect(response.statusCode, route).toBe(500);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.json()).toMatchObject({
          error: { code: 'evidence_corrupt', details: { reason: 'authentication_failed' } },
        });
        const entries = await corruptEntries(entityId);
        expect(entries.length, entityType).toBe(before + 1);
        expect(entries.at(-1)!.after).toEqual({
          detectedWhen: 'before_sending',
          reason: 'authentication_failed',
        });
      });
    }
  });

  it('answers 500 evidence_corrupt for a file sealed under another instance key', async () => {
    const otherKey = randomBytes(32);
    const [evidence, recovery] = downloads;
    // The same plaintext, sealed by a store under another key, put where the file was.
    const otherDir = path.join(t.config.dataDir, 'other-key');
    const other = createEvidenceStore({ dir: otherDir, instanceKey: otherKey, maxBytes: 1 << 20 });
    for (const [download, content] of [
      [evidence!, PATCH_REPORT],
      [recovery!, RESTORE_REPORT],
    ] as const) {
      const sealed = await other.put(Readable.from([content]));
      await withFile(
        download.file(),
        fs.readFileSync(other.pathOf(sealed.storageKey)),
        async () => {
          const response = await t.call(admin, 'GET', download.route);
          expect(response.statusCode).toBe(500);
          expect(response.json<{ error: { code: string } }>().error.code).toBe('evidence_corrupt');
          expect((await corruptEntries(download.entityId)).length).toBeGreaterThan(0);
        },
      );
    }
  });

  it('answers 500 evidence_corrupt for a truncated pack', async () => {
    const download = downloads[2]!;
    const bytes = fs.readFileSync(download.file());
    await withFile(download.file(), bytes.subarray(0, bytes.length - 100), async () => {
      const response = await t.call(auditor, 'GET', download.route);
      expect(response.statusCode).toBe(500);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('evidence_corrupt');
    });
  });

  it('serves a pack an earlier version kept in clear, and encrypts it when the runner starts', async () => {
    const download = downloads[2]!;
    const zip = (await t.call(auditor, 'GET', download.route)).rawPayload;
    const file = download.file();
    fs.writeFileSync(file, zip);
    const legacy = await t.call(auditor, 'GET', download.route);
    expect(legacy.statusCode).toBe(200);
    expect(legacy.rawPayload).toEqual(zip);

    expect(await sealPlainPacks(t.ctx)).toEqual([pack.id]);
    expect(await sealPlainPacks(t.ctx)).toEqual([]);
    expect(fs.readFileSync(file).subarray(0, PACK_FILE_MAGIC.length)).toEqual(PACK_FILE_MAGIC);
    const sealed = await t.call(auditor, 'GET', download.route);
    expect(sealed.statusCode).toBe(200);
    expect(sealed.rawPayload).toEqual(zip);
    const audited = await t.ctx.db
      .selectFrom('audit_events')
      .select('actor_label')
      .where('action', '=', 'pack.encrypted')
      .where('entity_id', '=', pack.id)
      .execute();
    expect(audited).toEqual([{ actor_label: systemActor.label }]);
  });

  it('cuts a transfer short of its length when the file fails while it is sent, and audits it', async () => {
    // The file changed between the check and the read that sends it: the stream fails mid-way.
    const server = Fastify();
    installErrorHandler(server);
    const entityId = pack.id;
    server.get('/file', async (_request, reply) => {
      const content = await openForDownload(
        t.ctx,
        systemActor,
        { entityType: 'evidence_pack', entityId },
        () =>
          Promise.resolve(
            Readable.from(
              (async function* () {
                yield Buffer.alloc(64 * 1024, 1);
                await new Promise((resolve) => setTimeout(resolve, 20));
                throw new Error('The file does not authenticate');
              })(),
            ),
          ),
      );
      return sendEvidenceFile(
        reply,
        {
          filename: 'a.bin',
          contentType: 'application/octet-stream',
          sizeBytes: 1 << 20,
          sha256: '0',
        },
        content,
      );
    });
    const before = (await corruptEntries(entityId)).length;
    await server.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = server.server.address() as AddressInfo;
      const outcome = await new Promise<{ status: number; received: number; complete: boolean }>(
        (resolve) => {
          http.get({ host: '127.0.0.1', port, path: '/file' }, (response) => {
            let received = 0;
            response.on('data', (chunk: Buffer) => (received += chunk.length));
            const done = () =>
              resolve({ status: response.statusCode ?? 0, received, complete: response.complete });
            response.on('end', done);
            response.on('aborted', done);
            response.on('error', done);
          });
        },
      );
      expect(outcome.status).toBe(200);
      expect(outcome.complete).toBe(false);
      expect(outcome.received).toBeLessThan(1 << 20);
    } finally {
      await server.close();
    }
    await expect.poll(async () => (await corruptEntries(entityId)).length).toBe(before + 1);
    expect((await corruptEntries(entityId)).at(-1)!.after).toMatchObject({
      detectedWhen: 'while_sending',
    });
  });
});
