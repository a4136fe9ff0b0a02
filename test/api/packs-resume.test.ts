import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestEvidencePack } from '../../src/modules/packs/pack-job.service.js';
import { packsRepository } from '../../src/modules/packs/packs.repository.js';
import { resumeInterruptedPacks } from '../../src/modules/packs/resume-interrupted-packs.js';
import { createPackJobRunner, runPackJob } from '../../src/modules/packs/run-pack-job.js';
import { verifyPack } from '../../src/modules/packs/verify-pack.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/*
 * A server stopped in the middle of a pack leaves it `running` (and a request accepted just before
 * a stop leaves it `queued`). A runner takes such packs up again once the builder's heartbeat is
 * stale, and a pack is claimed by one runner only.
 */
describe('evidence packs interrupted by a stopped server', () => {
  const clock = new FixedClock('2026-04-02T08:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock });
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  const period = { framework: 'iso9001', from: '2026-03-01', to: '2026-03-31' };
  /** A pack as a stopped process leaves it: taken for building, with a last heartbeat now. */
  async function interruptedPack(): Promise<string> {
    const job = await requestEvidencePack(t.ctx, systemActor, period);
    await packsRepository.claimQueuedPack(t.ctx.db, job.id, clock.now());
    await packsRepository.updatePack(t.ctx.db, job.id, { files_done: 3, files_total: 20 });
    return job.id;
  }
  const stateOf = async (id: string) => (await packsRepository.findPack(t.ctx.db, id))!;

  it('leaves a pack whose builder is alive, and requeues it once its heartbeat is stale', async () => {
    const running = await interruptedPack();
    const queued = (await requestEvidencePack(t.ctx, systemActor, period)).id;

    clock.advance(90_000);
    expect(await resumeInterruptedPacks(t.ctx)).toEqual([queued]);
    expect((await stateOf(running)).state).toBe('running');

    clock.advance(60_000);
    expect((await resumeInterruptedPacks(t.ctx)).sort()).toEqual([running, queued].sort());
    expect(await stateOf(running)).toMatchObject({
      state: 'queued',
      files_done: 0,
      heartbeat_at: null,
    });

    // A new runner (the restarted server) builds both; the packs verify.
    const runner = createPackJobRunner(t.ctx, { sweep: true });
    await runner.close();
    for (const id of [running, queued]) {
      const row = await stateOf(id);
      expect(row).toMatchObject({ state: 'done', error: null, heartbeat_at: null });
      expect(row.files_done).toBe(row.files_total);
      // Kept encrypted on the server: decrypted to verify it as a client would.
      const plain = path.join(t.config.dataDir, `${id}-decrypted.zip`);
      await pipeline(Readable.from(t.ctx.packStorage.chunks(id)), fs.createWriteStream(plain));
      expect((await verifyPack(plain)).intact).toBe(true);
    }
  }, 120_000);

  it('builds a pack once when two runners hold its id', async () => {
    const id = (await requestEvidencePack(t.ctx, systemActor, period)).id;
    await Promise.all([runPackJob(t.ctx, id), runPackJob(t.ctx, id)]);
    const generated = await t.ctx.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'pack.generated')
      .where('entity_id', '=', id)
      .execute();
    expect(generated).toHaveLength(1);
    expect((await stateOf(id)).state).toBe('done');
  }, 120_000);
});
