import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFrameworks } from '../../src/modules/controls/catalog-queries.js';
import { loadDemoOrganisation } from '../../src/modules/demo/load-demo.js';
import { exportOscal } from '../../src/modules/oscal/export-oscal.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { expectValid, oscalValidator } from './oscal.fixtures.js';

/** The demo organisation has a year of varied records: every export of it must validate. */
describe('OSCAL exports of the demo organisation', () => {
  let t: TestApp;
  let frameworks: string[];
  const validators = {
    'assessment-results': oscalValidator('assessment-results'),
    'component-definition': oscalValidator('component-definition'),
    inventory: oscalValidator('complete'),
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock('2026-11-23T09:00:00Z') });
    expect((await loadDemoOrganisation(t.ctx)).loaded).toBe(true);
    frameworks = (await listFrameworks(t.ctx, {})).map((framework) => framework.key);
  });
  afterAll(() => t.close());

  it('validates every model for every framework', async () => {
    expect(frameworks.length).toBeGreaterThan(0);
    let observations = 0;
    for (const framework of frameworks) {
      for (const model of ['assessment-results', 'component-definition', 'inventory'] as const) {
        const { document } = await exportOscal(t.ctx, {
          framework,
          model,
          // The demo generates its work at load time (now), 35 days back: a period up to today.
          from: '2026-10-19',
          to: '2026-11-23',
        });
        expectValid(validators[model], document);
        if (model === 'assessment-results') {
          const results = (document['assessment-results'] as { results: { observations?: [] }[] })
            .results;
          observations += results[0]!.observations?.length ?? 0;
        }
      }
    }
    expect(observations).toBeGreaterThan(0);
  });
});
