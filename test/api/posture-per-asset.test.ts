import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTROL_STATUSES,
  countStatuses,
  statusFromOccurrences,
  worstStatus,
  type ControlStatus,
  type CurrentOccurrenceCounts,
} from '../../src/modules/posture/control-status.js';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import type { OccurrenceEventKind } from '../../src/modules/occurrences/occurrence-status.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import { listAssetPosture } from '../../src/modules/posture/list-asset-posture.js';
import type { AssetPosture } from '../../src/modules/posture/posture.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { encodeCursor, type Page } from '../../src/platform/http/paging.js';
import { createProductionAsset } from '../support/factory.js';
import { recordOccurrenceEvent } from '../support/occurrence-events.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const DAY_MS = 86_400_000;

const perAsset = (key: string, cadence: Record<string, unknown>, scope = {}) => ({
  key,
  title: `Control ${key}`,
  theme: 'per-asset-test',
  objective: `Exercise ${key} per asset.`,
  ownerRole: 'engineering',
  cadence: { startsOn: '2026-01-01', ...cadence },
  evaluation: { mode: 'manual' },
  evidenceExpected: [{ kind: 'record', description: 'A record.' }],
  requirements: ['mixed:1'],
  perAsset: true,
  scope,
});

const CATALOG = {
  frameworks: [
    {
      key: 'mixed',
      title: 'Mixed register',
      kind: 'internal',
      issuer: 'Quality',
      description: 'Per-asset posture test framework.',
      requirements: [{ key: 'mixed:1', title: 'Every asset checked', summary: 'Per asset.' }],
    },
  ],
  controls: [
    perAsset('patch-monthly', { frequency: 'monthly' }),
    perAsset('review-monthly', { frequency: 'monthly', dayOfPeriod: 15 }),
    perAsset('backup-weekly', { frequency: 'weekly' }, { categories: ['server'] }),
    perAsset('inspect-quarterly', { frequency: 'quarterly' }, { categories: ['network'] }),
    {
      key: 'policy-monthly',
      title: 'Organisation-wide, not per asset',
      theme: 'per-asset-test',
      objective: 'Not in the per-asset list.',
      ownerRole: 'quality',
      cadence: { frequency: 'monthly', startsOn: '2026-01-01' },
      evaluation: { mode: 'manual' },
      evidenceExpected: [{ kind: 'record', description: 'A record.' }],
      requirements: ['mixed:1'],
    },
  ],
};

/** Keys whose byte order and locale order differ ('_' against '-', '.' and digits). */
const ASSETS = [
  { key: 'db-1', category: 'server' },
  { key: 'db_2', category: 'server' },
  { key: 'db.3', category: 'server' },
  { key: 'web-1', category: 'server' },
  { key: 'web-10', category: 'server' },
  { key: 'web-2', category: 'server' },
  { key: 'sw-core', category: 'network' },
  { key: 'sw_edge', category: 'network' },
];

/** The work recorded on each asset's occurrences, by its place in ASSETS (a mixed register). */
const WORK: readonly (readonly OccurrenceEventKind[])[] = [
  ['completed', 'verified'],
  ['completed'],
  ['not_applicable'],
  ['started'],
  ['completed', 'rejected'],
  ['completed', 'verified'],
  ['not_applicable'],
  [],
];

const INSTANTS = [
  '2026-02-10T09:00:00.000Z',
  '2026-03-14T12:00:00.000Z',
  '2026-04-03T06:00:00.000Z',
  '2026-05-29T18:00:00.000Z',
];

/**
 * The figures from the occurrences one by one (docs/posture.md): the current ones at t, each
 * classed from its status at t, then statusFromOccurrences per asset and control, and the worst
 * per asset; worst assets first, keys in byte order.
 */
function fromOccurrences(
  occurrences: readonly OccurrenceView[],
  at: string,
  atRiskDays: number,
): AssetPosture[] {
  const t = Date.parse(at);
  const atRiskUntil = t + atRiskDays * DAY_MS;
  const perAssetOccurrences = occurrences.filter(
    (o) => o.assetKey !== '' && Date.parse(o.opensAt) <= t,
  );
  const lane = (o: OccurrenceView) => `${o.controlKey}/${o.assetKey}`;
  const latestPastDue = new Map<string, number>();
  for (const o of perAssetOccurrences) {
    const due = Date.parse(o.dueAt);
    if (due <= t) latestPastDue.set(lane(o), Math.max(latestPastDue.get(lane(o)) ?? 0, due));
  }
  const current = perAssetOccurrences.filter((o) => {
    const due = Date.parse(o.dueAt);
    const period = Date.parse(o.closesAt) - due;
    return due > t || (due === latestPastDue.get(lane(o)) && due > t - 2 * period);
  });
  const counts = new Map<string, CurrentOccurrenceCounts & { asset: string; control: string }>();
  for (const o of current) {
    const entry = counts.get(lane(o)) ?? {
      asset: o.assetKey,
      control: o.controlKey,
      failing: 0,
      atRisk: 0,
      verified: 0,
      notApplicable: 0,
      pending: 0,
    };
    const due = Date.parse(o.dueAt);
    switch (o.status) {
      case 'not_applicable':
        entry.notApplicable += 1;
        break;
      case 'verified':
        entry.verified += 1;
        break;
      case 'overdue':
      case 'missed':
        entry.failing += 1;
        break;
      case 'done':
        if (due <= t) entry.failing += 1;
        else entry.pending += 1;
        break;
      case 'upcoming':
      case 'due':
      case 'in_progress':
        if (due <= atRiskUntil) entry.atRisk += 1;
        else entry.pending += 1;
        break;
    }
    counts.set(lane(o), entry);
  }
  const byAsset = new Map<string, { key: string; status: ControlStatus }[]>();
  for (const entry of counts.values()) {
    const controls = byAsset.get(entry.asset) ?? [];
    controls.push({ key: entry.control, status: statusFromOccurrences(entry) });
    byAsset.set(entry.asset, controls);
  }
  const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const severity = (status: ControlStatus) => CONTROL_STATUSES.indexOf(status);
  return [...byAsset.entries()]
    .map(([assetKey, controls]) => {
      controls.sort((a, b) => byteOrder(a.key, b.key));
      const statuses = controls.map((control) => control.status);
      return {
        assetKey,
        status: worstStatus(statuses),
        controlCount: controls.length,
        controlCounts: countStatuses(statuses),
        controls,
      };
    })
    .sort((a, b) => severity(a.status) - severity(b.status) || byteOrder(a.assetKey, b.assetKey));
}

describe('posture per asset, rolled up in the database', () => {
  let t: TestApp;
  let admin: string;
  const clock = new FixedClock('2026-01-01T00:00:00Z');

  async function get<Body>(url: string): Promise<Body> {
    const response = await t.call(admin, 'GET', url);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Body>();
  }

  /** Every occurrence with its status at `at`, page after page. */
  async function occurrencesAt(at: string): Promise<OccurrenceView[]> {
    const all: OccurrenceView[] = [];
    let cursor: string | null = null;
    do {
      const next: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page: Page<OccurrenceView> = await get(
        `/api/v1/occurrences?at=${at}&limit=1000${next}`,
      );
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return all;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    expect((await t.call(admin, 'POST', '/api/v1/catalog/apply', CATALOG)).statusCode).toBe(200);
    for (const { key, category } of ASSETS) {
      await createProductionAsset(t, admin, key, { category, criticality: 'medium' });
    }
    await generateOccurrences(t.ctx, {
      from: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2026-07-31T00:00:00Z'),
    });
    // Work on every other occurrence of each asset, each asset its own pattern, recorded two
    // days after it opened (some before their deadline, some after), one event a day.
    const occurrences = await t.ctx.db
      .selectFrom('occurrences')
      .select(['id', 'asset_key', 'opens_at'])
      .where('asset_key', '<>', '')
      .where('opens_at', '<', new Date('2026-05-20T00:00:00Z'))
      .orderBy('opens_at')
      .orderBy('id')
      .execute();
    const work = occurrences
      .filter((_, index) => index % 2 === 0)
      .flatMap((occurrence) =>
        WORK[ASSETS.findIndex((asset) => asset.key === occurrence.asset_key)]!.map(
          (kind, step) => ({
            id: occurrence.id,
            kind,
            at: occurrence.opens_at.getTime() + (2 + step) * DAY_MS,
          }),
        ),
      )
      .sort((a, b) => a.at - b.at);
    for (const event of work) {
      clock.set(new Date(event.at).toISOString());
      await recordOccurrenceEvent(t, event.id, event.kind);
    }
    clock.set('2026-06-01T00:00:00Z');
  }, 120_000);
  afterAll(() => t.close());

  it('gives every asset the figures its occurrences earn, one by one, at each instant', async () => {
    for (const at of INSTANTS) {
      for (const atRiskDays of [7, 30]) {
        const expected = fromOccurrences(await occurrencesAt(at), at, atRiskDays);
        const answer = await listAssetPosture(t.ctx, { at, atRiskDays });
        expect(answer.items, `at ${at}, ${atRiskDays} days`).toEqual(expected);
        expect(answer.nextCursor).toBeNull();
      }
    }
    // The register is mixed enough to say something: every status occurs at some instant.
    const seen = new Set<ControlStatus>();
    for (const at of INSTANTS) {
      for (const item of (await listAssetPosture(t.ctx, { at, atRiskDays: 7 })).items) {
        for (const control of item.controls) seen.add(control.status);
      }
    }
    expect([...seen].sort()).toEqual([...CONTROL_STATUSES].sort());
  });

  it('pages the list in its order without dropping or repeating an asset', async () => {
    const at = INSTANTS[1]!;
    const whole = await get<{ items: AssetPosture[] }>(`/api/v1/posture/assets?at=${at}`);
    expect(whole.items.length).toBe(ASSETS.length);
    const walked: AssetPosture[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const next: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page: Page<AssetPosture> = await get(`/api/v1/posture/assets?at=${at}&limit=3${next}`);
      walked.push(...page.items);
      pageSizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(walked).toEqual(whole.items);
    expect(pageSizes).toEqual([3, 3, 2]);
  });

  it('refuses a limit or cursor it did not hand out, naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'querystring.limit'],
      ['limit=1001', 'querystring.limit'],
      [`cursor=${encodeCursor(['worst', 'db-1'])}`, 'querystring.cursor'],
      ['cursor=not-a-cursor', 'querystring.cursor'],
    ] as const) {
      const response = await t.call(admin, 'GET', `/api/v1/posture/assets?${query}`);
      expect(response.statusCode, query).toBe(400);
      const issues = response.json<{ error: { issues: { path: string }[] } }>().error.issues;
      expect(issues.map((issue) => issue.path)).toContain(field);
    }
  });
});
