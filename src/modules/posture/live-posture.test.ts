import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { FixedClock } from '../../platform/clock.js';
import { livePosture } from './live-posture.js';

/** The dashboard's live posture: reused while nothing is recorded, and computed once at a time. */
describe('live posture', () => {
  const clock = new FixedClock('2026-05-12T09:00:00Z');
  let t: TestApp;

  /**
   * The context on a database handle of its own (live answers are kept per handle, so it starts
   * with none) that counts the statements answered and fails those chosen by `fail`.
   */
  function counted(fail: (statement: number) => boolean = () => false) {
    const counter = { statements: 0 };
    const plugin: KyselyPlugin = {
      transformQuery: (args) => args.node,
      transformResult: (args) => {
        counter.statements += 1;
        if (fail(counter.statements)) return Promise.reject(new Error('the database went away'));
        return Promise.resolve(args.result);
      },
    };
    return { counter, ctx: { ...t.ctx, db: t.ctx.db.withPlugin(plugin) } };
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(() => t.close());

  it('answers the requests that arrive during an evaluation from that one evaluation', async () => {
    const query = { atRiskDays: 30 };
    const alone = counted();
    await livePosture(alone.ctx, query);
    const perEvaluation = alone.counter.statements;
    expect(perEvaluation).toBeGreaterThan(1);

    const together = counted();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => livePosture(together.ctx, query)),
    );
    for (const answer of answers) expect(answer).toBe(answers[0]);
    // Each request reads the recorded mark; the evaluation's statements are sent once, not five times.
    expect(together.counter.statements).toBe(perEvaluation + 4);
  });

  it('forgets an evaluation that failed, and evaluates again on the next request', async () => {
    const query = { atRiskDays: 30 };
    // The first request's recorded mark is read; its evaluation's first statement fails.
    let failing = true;
    const flaky = counted((statement) => failing && statement === 2);
    await expect(livePosture(flaky.ctx, query)).rejects.toThrow('the database went away');
    failing = false;
    const answer = await livePosture(flaky.ctx, query);
    expect(answer.at).toBe(clock.now().toISOString());
  });
});
