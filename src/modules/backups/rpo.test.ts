import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodContaining, periodInstants } from '../occurrences/cadence-periods.js';
import { addDays, zonedTimeToInstant } from '../../platform/time/zoned-time.js';
import {
  achievedRpo,
  currentWindow,
  encryptionCompliance,
  failedRunsBetween,
  lastSuccessfulRun,
  periodRpo,
  regionCompliance,
  type BackupRunFacts,
} from './rpo.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BERLIN = 'Europe/Berlin';

const run = (
  startedAt: string | Date,
  overrides: Partial<BackupRunFacts> = {},
): BackupRunFacts => ({
  status: 'succeeded',
  backupType: 'incremental',
  startedAt: new Date(startedAt),
  finishedAt: new Date(new Date(startedAt).getTime() + 10 * 60_000),
  recoveryPointAt: null,
  encrypted: true,
  region: 'eu-central-1',
  ...overrides,
});

/** 01:30 local time in Berlin on a date, the way a cron job in that zone runs. */
const berlinAt = (date: string, hour = 1, minute = 30) => {
  const [year, month, day] = date.split('-').map(Number);
  return zonedTimeToInstant({ year: year!, month: month!, day: day!, hour, minute }, BERLIN);
};

const daily = { everyMs: DAY, graceMs: 2 * HOUR };

describe('last success and the current window', () => {
  const since = new Date('2026-03-01T00:00:00Z');

  it('uses the recovery point, else the start, and ignores failed, partial and unfinished runs', () => {
    const runs = [
      run('2026-03-02T01:00:00Z', { recoveryPointAt: new Date('2026-03-02T00:45:00Z') }),
      run('2026-03-03T01:00:00Z', { status: 'failed' }),
      run('2026-03-03T02:00:00Z', { status: 'partial' }),
    ];
    const at = new Date('2026-03-03T02:00:00Z');
    expect(lastSuccessfulRun(runs, 'incremental', at)).toBe(runs[0]);
    expect(currentWindow(runs, 'incremental', daily, since, at)).toEqual({
      kind: 'incremental',
      state: 'ok',
      lastSuccessAt: new Date('2026-03-02T00:45:00Z'),
      dueBy: new Date('2026-03-03T02:45:00Z'),
    });
    // A run still going at `at` has not protected anything yet.
    expect(lastSuccessfulRun(runs, 'incremental', new Date('2026-03-02T01:05:00Z'))).toBeNull();
  });

  it('is missed strictly after last success + frequency + grace, and ok again after a success', () => {
    const runs = [run('2026-03-02T01:00:00Z')];
    const dueBy = new Date('2026-03-03T03:00:00Z');
    expect(currentWindow(runs, 'incremental', daily, since, dueBy).state).toBe('ok');
    expect(
      currentWindow(runs, 'incremental', daily, since, new Date(dueBy.getTime() + 1)).state,
    ).toBe('missed');
    const recovered = [...runs, run('2026-03-03T05:00:00Z')];
    expect(
      currentWindow(recovered, 'incremental', daily, since, new Date('2026-03-03T06:00:00Z')).state,
    ).toBe('ok');
  });

  it('counts from the start of monitoring when there was never a success', () => {
    const window = currentWindow([], 'incremental', daily, since, new Date('2026-03-02T01:59:00Z'));
    expect(window).toMatchObject({ state: 'ok', lastSuccessAt: null });
    expect(window.dueBy).toEqual(new Date('2026-03-02T02:00:00Z'));
    expect(
      currentWindow([], 'incremental', daily, since, new Date('2026-03-02T02:01Z')).state,
    ).toBe('missed');
  });

  it('keeps incremental and full windows apart: only a full backup satisfies the weekly full', () => {
    const weekly = { everyMs: 7 * DAY, graceMs: 2 * HOUR };
    const runs = [
      run('2026-03-01T01:00:00Z', { backupType: 'full' }),
      ...[2, 3, 4, 5, 6, 7, 8, 9].map((day) =>
        run(`2026-03-${String(day).padStart(2, '0')}T01:00Z`),
      ),
    ];
    const at = new Date('2026-03-09T12:00:00Z');
    expect(currentWindow(runs, 'incremental', daily, since, at).state).toBe('ok');
    expect(currentWindow(runs, 'full', weekly, since, at)).toMatchObject({
      state: 'missed',
      lastSuccessAt: new Date('2026-03-01T01:00:00Z'),
    });
    expect(currentWindow(runs, 'full', { everyMs: null, graceMs: 0 }, since, at).state).toBe(
      'not_required',
    );
  });

  it('property: missed exactly when no success of the kind has its recovery point within frequency + grace before `at`', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            offsetMinutes: fc.integer({ min: 0, max: 10 * 24 * 60 }),
            succeeded: fc.boolean(),
          }),
          { maxLength: 20 },
        ),
        fc.integer({ min: 0, max: 12 * 24 * 60 }),
        (specs, atMinutes) => {
          const runs = specs.map((spec) =>
            run(new Date(since.getTime() + spec.offsetMinutes * 60_000), {
              status: spec.succeeded ? 'succeeded' : 'failed',
              finishedAt: null,
            }),
          );
          const at = new Date(since.getTime() + atMinutes * 60_000);
          const window = currentWindow(runs, 'incremental', daily, since, at);
          const cutoff = at.getTime() - DAY - daily.graceMs;
          const covered =
            since.getTime() >= cutoff ||
            runs.some(
              (r) =>
                r.status === 'succeeded' &&
                r.startedAt.getTime() <= at.getTime() &&
                r.startedAt.getTime() >= cutoff,
            );
          expect(window.state).toBe(covered ? 'ok' : 'missed');
        },
      ),
    );
  });
});

describe('missed windows across time zones and daylight saving (Europe/Berlin)', () => {
  const since = berlinAt('2026-03-20', 0, 0);
  /** The first 5-minute-grid instant from the first run's end to `to` at which the window is missed. */
  const missedSomewhere = (runs: BackupRunFacts[], schedule: typeof daily, to: Date) => {
    for (let t = runs[0]!.finishedAt!.getTime(); t <= to.getTime(); t += 5 * 60_000) {
      if (currentWindow(runs, 'incremental', schedule, since, new Date(t)).state === 'missed')
        return new Date(t);
    }
    return null;
  };

  it('a nightly 01:30 backup never misses across the spring change (a 23-hour local day)', () => {
    const dates = ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31'];
    const runs = dates.map((date) => run(berlinAt(date)));
    // 29 March 01:30 CET → 30 March 01:30 CEST is 23 elapsed hours (the clock jumps at 02:00).
    expect(runs[3]!.startedAt.getTime() - runs[2]!.startedAt.getTime()).toBe(23 * HOUR);
    expect(missedSomewhere(runs, daily, berlinAt('2026-04-01'))).toBeNull();
    // Each run lies in the catalogue's daily period of its local date, as the daily control expects.
    for (const [index, date] of dates.entries()) {
      const period = periodInstants(periodContaining('daily', date), BERLIN);
      expect(period.endsAt.getTime() - period.startsAt.getTime()).toBe(
        date === '2026-03-29' ? 23 * HOUR : 24 * HOUR,
      );
      expect(
        runs[index]!.startedAt >= period.startsAt && runs[index]!.startedAt < period.dueAt,
      ).toBe(true);
    }
  });

  it('a nightly 02:30 backup runs 23 hours apart on the spring change and never misses', () => {
    // 02:30 does not exist on 29 March; it runs at 03:30 CEST (24 h after the 28th), and the
    // next night's 02:30 CEST comes 23 elapsed hours later.
    const runs = ['2026-03-28', '2026-03-29', '2026-03-30'].map((date) =>
      run(berlinAt(date, 2, 30)),
    );
    expect(runs[1]!.startedAt.getTime() - runs[0]!.startedAt.getTime()).toBe(24 * HOUR);
    expect(runs[2]!.startedAt.getTime() - runs[1]!.startedAt.getTime()).toBe(23 * HOUR);
    expect(missedSomewhere(runs, daily, runs[2]!.startedAt)).toBeNull();
  });

  it('the autumn change puts 25 elapsed hours between two local 01:30 runs: grace must absorb it', () => {
    const runs = ['2026-10-25', '2026-10-26', '2026-10-27'].map((date) => run(berlinAt(date)));
    // 25 October has 25 hours: 01:30 CEST on the 25th to 01:30 CET on the 26th is 25 hours.
    expect(runs[1]!.startedAt.getTime() - runs[0]!.startedAt.getTime()).toBe(25 * HOUR);
    expect(missedSomewhere(runs, daily, runs[2]!.startedAt)).toBeNull();
    const noGrace = { everyMs: DAY, graceMs: 0 };
    expect(missedSomewhere(runs, noGrace, runs[2]!.startedAt)).toEqual(
      new Date(runs[0]!.startedAt.getTime() + DAY + 5 * 60_000),
    );
  });

  it('a local day without a backup is missed within that day’s catalogue period, before its control closes', () => {
    // Runs on the 28th and 30th of March, none on the 29th (the 23-hour day).
    const runs = [run(berlinAt('2026-03-28')), run(berlinAt('2026-03-30'))];
    const firstMissed = missedSomewhere(runs, daily, berlinAt('2026-03-30'));
    expect(firstMissed).not.toBeNull();
    // Last success + 24 h + 2 h grace: 03:30 CEST (01:30 UTC) on the 29th.
    expect(firstMissed!.getTime()).toBeGreaterThan(
      runs[0]!.startedAt.getTime() + DAY + daily.graceMs,
    );
    const day29 = periodInstants(periodContaining('daily', '2026-03-29'), BERLIN);
    expect(firstMissed! >= day29.startsAt && firstMissed! < day29.dueAt).toBe(true);
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
  });

  it('gives the same answer whatever zone the runs were reported in (instants, not wall clocks)', () => {
    const utc = run('2026-10-24T23:30:00Z');
    const offset = run('2026-10-25T08:30:00+09:00');
    expect(utc.startedAt).toEqual(offset.startedAt);
    const at = new Date('2026-10-26T01:31:00Z');
    expect(currentWindow([utc], 'incremental', daily, since, at)).toEqual(
      currentWindow([offset], 'incremental', daily, since, at),
    );
  });
});

describe('failed runs in a period', () => {
  it('lists failed and partial runs that started in [from, to)', () => {
    const runs = [
      run('2026-05-01T00:00:00Z', { status: 'failed' }),
      run('2026-05-01T12:00:00Z', { status: 'partial' }),
      run('2026-05-02T00:00:00Z', { status: 'failed' }),
      run('2026-05-01T06:00:00Z'),
    ];
    expect(
      failedRunsBetween(runs, new Date('2026-05-01T00:00:00Z'), new Date('2026-05-02T00:00:00Z')),
    ).toEqual([runs[0], runs[1]]);
  });
});

describe('achieved RPO over a period', () => {
  const from = new Date('2026-06-01T00:00:00Z');
  const to = new Date('2026-06-04T00:00:00Z');

  it('is the largest gap between recovery points, counting from the period start and to its end', () => {
    const runs = [
      run('2026-06-01T02:00:00Z'),
      run('2026-06-02T02:00:00Z', { recoveryPointAt: new Date('2026-06-02T01:00:00Z') }),
      run('2026-06-02T20:00:00Z', { status: 'failed' }),
      run('2026-06-03T10:00:00Z'),
    ];
    expect(achievedRpo(runs, from, to)).toEqual({
      rpoMs: 33 * HOUR,
      worstGap: { from: new Date('2026-06-02T01:00:00Z'), to: new Date('2026-06-03T10:00:00Z') },
      recoveryPoints: 3,
    });
  });

  it('counts the gap to the period end, and the whole period without a success', () => {
    expect(achievedRpo([run('2026-06-01T01:00:00Z')], from, to).rpoMs).toBe(71 * HOUR);
    expect(achievedRpo([], from, to)).toMatchObject({ rpoMs: 3 * DAY, recoveryPoints: 0 });
    // A success before the period does not shorten its first gap.
    expect(achievedRpo([run('2026-05-31T23:00:00Z')], from, to).rpoMs).toBe(3 * DAY);
  });

  const pointsArbitrary = fc.array(fc.integer({ min: -DAY, max: 4 * DAY }), { maxLength: 30 });
  const runsAt = (offsets: number[]) =>
    offsets.map((offset) => run(new Date(from.getTime() + offset)));

  it('property: lies between the even split and the whole period, and equals the largest gap', () => {
    fc.assert(
      fc.property(pointsArbitrary, (offsets) => {
        const result = achievedRpo(runsAt(offsets), from, to);
        const length = to.getTime() - from.getTime();
        expect(result.rpoMs).toBeLessThanOrEqual(length);
        expect(result.rpoMs).toBeGreaterThanOrEqual(length / (result.recoveryPoints + 1));
        expect(result.worstGap.to.getTime() - result.worstGap.from.getTime()).toBe(result.rpoMs);
        const inside = offsets
          .map((offset) => from.getTime() + offset)
          .filter((time) => time > from.getTime() && time <= to.getTime());
        // No recovery point lies strictly inside the worst gap.
        expect(
          inside.some(
            (time) => time > result.worstGap.from.getTime() && time < result.worstGap.to.getTime(),
          ),
        ).toBe(false);
      }),
    );
  });

  it('property: one more successful backup never makes the achieved RPO worse', () => {
    fc.assert(
      fc.property(pointsArbitrary, fc.integer({ min: -DAY, max: 4 * DAY }), (offsets, extra) => {
        const before = achievedRpo(runsAt(offsets), from, to).rpoMs;
        const after = achievedRpo(runsAt([...offsets, extra]), from, to).rpoMs;
        expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });

  it('property: failed runs change nothing', () => {
    fc.assert(
      fc.property(pointsArbitrary, pointsArbitrary, (successes, failures) => {
        const failed = failures.map((offset) =>
          run(new Date(from.getTime() + offset), { status: 'failed' }),
        );
        expect(achievedRpo([...runsAt(successes), ...failed], from, to)).toEqual(
          achievedRpo(runsAt(successes), from, to),
        );
      }),
    );
  });
});

describe('the RPO achieved over a period, as every surface shows it', () => {
  const from = new Date('2026-06-01T00:00:00Z');
  const to = new Date('2026-06-04T00:00:00Z');
  const long = new Date('2026-01-01T00:00:00Z');
  const base = { monitoringSince: long, from, to, targetMs: DAY };

  it('counts the gap that crosses the period start whole, from the latest point before it', () => {
    const rpo = periodRpo({
      ...base,
      successfulRuns: [run('2026-06-01T20:00:00Z'), run('2026-06-02T20:00:00Z')],
      previousPointAt: new Date('2026-05-30T20:00:00Z'),
    });
    expect(rpo).toEqual({
      state: 'not_met',
      achievedMs: 2 * DAY,
      worstGap: { from: new Date('2026-05-30T20:00:00Z'), to: new Date('2026-06-01T20:00:00Z') },
      recoveryPoints: 2,
    });
  });

  it('runs the last gap to the end of the period when backups stopped', () => {
    const rpo = periodRpo({
      ...base,
      successfulRuns: [],
      previousPointAt: new Date('2026-05-31T00:00:00Z'),
    });
    expect(rpo).toMatchObject({ state: 'not_met', achievedMs: 4 * DAY, recoveryPoints: 0 });
  });

  it('is no evidence, never met, without a single successful point', () => {
    expect(periodRpo({ ...base, successfulRuns: [], previousPointAt: null })).toEqual({
      state: 'no_evidence',
      achievedMs: null,
      worstGap: null,
      recoveryPoints: 0,
    });
    // Monitoring that began after the period: the point recorded before its end still counts.
    expect(
      periodRpo({
        ...base,
        monitoringSince: new Date('2026-06-05T00:00:00Z'),
        successfulRuns: [run('2026-06-03T00:00:00Z')],
        previousPointAt: null,
      }),
    ).toMatchObject({ state: 'met', achievedMs: DAY });
  });

  it('counts from the start of monitoring, not the period, when no point precedes the period', () => {
    const rpo = periodRpo({
      ...base,
      monitoringSince: new Date('2026-06-02T00:00:00Z'),
      successfulRuns: [run('2026-06-02T06:00:00Z'), run('2026-06-03T06:00:00Z')],
      previousPointAt: null,
    });
    expect(rpo).toMatchObject({ state: 'met', achievedMs: DAY, recoveryPoints: 2 });
  });

  it('counts from a backfilled point before monitoring began, inside the period', () => {
    const rpo = periodRpo({
      ...base,
      monitoringSince: new Date('2026-06-03T23:50:00Z'),
      successfulRuns: [run('2026-06-03T22:00:00Z')],
      previousPointAt: null,
    });
    expect(rpo).toMatchObject({
      state: 'met',
      achievedMs: 2 * HOUR,
      worstGap: { from: new Date('2026-06-03T22:00:00Z'), to },
    });
  });

  it('property: equals the largest exposure t − (latest point ≤ t) over the period', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 * DAY }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 5 * DAY }),
        (offsets, before) => {
          const previousPointAt = new Date(from.getTime() - before);
          const runs = offsets.map((offset) => run(new Date(from.getTime() + offset)));
          const rpo = periodRpo({ ...base, successfulRuns: runs, previousPointAt });
          const points = [previousPointAt.getTime(), ...offsets.map((o) => from.getTime() + o)];
          let worst = 0;
          // Sampled every minute, plus just before each point (where exposure peaks).
          const instants = [to.getTime(), ...points.map((point) => point - 1)];
          for (let time = from.getTime(); time <= to.getTime(); time += 60_000) instants.push(time);
          for (const time of instants.filter((t) => t >= from.getTime() && t <= to.getTime())) {
            const latest = Math.max(...points.filter((point) => point <= time));
            worst = Math.max(worst, time - latest);
          }
          // The gap ends at the next point itself; sampling stops a millisecond before it.
          expect(rpo.achievedMs! - worst).toBeLessThanOrEqual(1);
          expect(rpo.achievedMs! >= worst).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('encryption and region compliance', () => {
  it('requires every successful run to be reported encrypted', () => {
    const runs = [run('2026-06-01T00:00Z'), run('2026-06-02T00:00Z', { encrypted: null })];
    expect(encryptionCompliance(runs, true)).toEqual({ state: 'not_met', unencryptedRuns: 1 });
    expect(encryptionCompliance(runs.slice(0, 1), true).state).toBe('met');
    expect(encryptionCompliance([], true).state).toBe('no_runs');
    expect(encryptionCompliance(runs, false).state).toBe('not_required');
  });

  it('requires a successful run in each required region, or any region for offsite copies', () => {
    const runs = [
      run('2026-06-01T00:00Z', { region: 'eu-central-1' }),
      run('2026-06-02T00:00Z', { region: 'eu-west-1' }),
    ];
    expect(regionCompliance(runs, ['eu-west-1'], true)).toMatchObject({
      state: 'met',
      coveredRegions: ['eu-central-1', 'eu-west-1'],
      missingRegions: [],
    });
    expect(regionCompliance(runs, ['eu-north-1'], false)).toMatchObject({
      state: 'not_met',
      missingRegions: ['eu-north-1'],
    });
    expect(regionCompliance([run('2026-06-01T00:00Z', { region: null })], [], true).state).toBe(
      'not_met',
    );
    expect(regionCompliance(runs, [], false).state).toBe('not_required');
    expect(regionCompliance([], ['eu-west-1'], false).state).toBe('no_runs');
  });
});
