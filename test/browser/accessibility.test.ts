import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/demo-data.js';
import { demoEmail } from '../../src/modules/demo/demo-types.js';
import { loadDemoOrganisation } from '../../src/modules/demo/load-demo.js';
import { can } from '../../src/platform/auth/policy.js';
import { USER_ROLES, type UserRole } from '../../src/platform/auth/roles.js';
import { startBrowserHarness, type BrowserHarness } from './browser.js';
import {
  findDemoIds,
  firstRoleSeeing,
  PUBLIC_PAGES,
  signedInPages,
  TRAINING_ASSIGNMENT_ROUTE,
  type DemoIds,
  type DemoPage,
} from './demo-pages.js';
import { horizontalOverflows, pageStructureProblems, seriousAxeViolations } from './page-audit.js';

/**
 * WCAG 2.1 AA basics and layout on every page of the demo organisation (docs/accessibility.md):
 * axe-core as every role that can see the page; one h1, a tab title and a skip link; no text
 * spilling or cut at 1280 and 390 px, with a full-page screenshot of each page at both widths in
 * test-artifacts/screenshots/ (the CI artefact).
 */
const SCREENSHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots', import.meta.url));
const APP_ROUTES = fileURLToPath(new URL('../../web/src/AppRoutes.tsx', import.meta.url));
const WIDTHS = [1280, 390] as const;
const WIDE = 1280;
const PHONE = 390;
const PAGE_TIMEOUT_MS = 10_000;

describe('accessibility and layout of every page of the demo', () => {
  let harness: BrowserHarness;
  let ids: DemoIds;

  beforeAll(async () => {
    // Passwords alone: two-factor enrolment is covered by the sign-in tests, not repeated here.
    harness = await startBrowserHarness({ env: { PLUMBLINE_REQUIRE_MFA: 'false' } });
    expect((await loadDemoOrganisation(harness.t.ctx)).loaded).toBe(true);
    const admin = await harness.t.tokenFor('admin');
    ids = await findDemoIds(async (url) => {
      const response = await harness.t.call(admin, 'GET', url);
      expect(response.statusCode, url).toBe(200);
      return response.json();
    });
  }, 300_000);
  afterAll(async () => {
    await harness?.close();
  });

  /** A signed-in browser context of the demo's account with the role, and the pages it sees. */
  async function signedIn(
    role: UserRole,
    width: number,
  ): Promise<{ context: BrowserContext; page: Page; pages: DemoPage[]; errors: string[] }> {
    const context = await harness.browser.newContext({
      baseURL: harness.baseUrl,
      viewport: { width, height: 900 },
    });
    context.setDefaultTimeout(PAGE_TIMEOUT_MS);
    const login = await context.request.post('/api/v1/auth/login', {
      data: { email: demoEmail(role), password: DEMO_PASSWORD },
    });
    expect(login.status(), `sign-in as ${role}`).toBe(200);
    const pages = signedInPages(ids).filter((entry) => can(role, entry.permission!));
    if (can(role, 'training:complete')) {
      const mine = (await (await context.request.get('/api/v1/my/training')).json()) as {
        items: { id: string }[];
      };
      const assignment = mine.items[0];
      if (assignment) {
        pages.push({
          name: 'training-assignment',
          route: TRAINING_ASSIGNMENT_ROUTE,
          path: `/training/${assignment.id}`,
          permission: 'training:complete',
        });
      }
    }
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    return { context, page, pages, errors };
  }

  /**
   * Shows the page as a person following a link would: the first by loading the app, the next
   * ones by the router (no reload, so each visit costs what a click costs). Ready when the new
   * page's h1 is there and nothing is loading. A page drawn by the same component as the one
   * before keeps its h1 element: that one is loaded afresh instead, after 2 s without a new h1
   * (a route change shows its h1 in about 0.3 s here; the wait was 5 s, paid by every role on
   * the one such pair of pages).
   */
  async function show(page: Page, address: string): Promise<void> {
    if (page.url().startsWith(harness.baseUrl)) {
      await page.evaluate((next) => {
        document.querySelector('h1')?.setAttribute('data-previous-page', '');
        window.history.pushState(null, '', next);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, address);
      const shown = await page
        .locator('h1:not([data-previous-page])')
        .first()
        .waitFor({ timeout: 2_000 })
        .then(() => true)
        .catch(() => false);
      if (!shown) await page.goto(address);
    } else {
      await page.goto(address);
    }
    await page.locator('h1').first().waitFor();
    await page.waitForFunction(() => !document.querySelector('[aria-label="Loading"]'));
  }

  /** Layout check and screenshot of the page as shown; the problems found. */
  async function checkLayout(
    page: Page,
    width: number,
    role: string,
    entry: DemoPage,
  ): Promise<string[]> {
    const overflows = await horizontalOverflows(page);
    fs.mkdirSync(path.join(SCREENSHOTS, String(width)), { recursive: true });
    await page.screenshot({ path: screenshotPath(width, role, entry), fullPage: true });
    return overflows.map((overflow) => `${entry.path} as ${role} at ${width} px: ${overflow}`);
  }

  function screenshotPath(width: number, role: string, entry: DemoPage): string {
    return path.join(SCREENSHOTS, String(width), `${role}-${entry.name}.png`);
  }

  it('visits every route the web app declares', () => {
    const declared = [...fs.readFileSync(APP_ROUTES, 'utf8').matchAll(/path: '([^']+)'/g)]
      .map((match) => match[1]!)
      .concat(''); // the index route: the dashboard
    const everyRecord: DemoIds = Object.fromEntries(
      Object.keys(ids).map((key) => [key, 'x']),
    ) as unknown as DemoIds;
    const visited = [
      ...PUBLIC_PAGES,
      ...signedInPages(everyRecord),
      { route: TRAINING_ASSIGNMENT_ROUTE },
    ].map((entry) => entry.route);
    expect([...new Set(declared)].sort()).toEqual([...new Set(visited)].sort());
  });

  it.each(USER_ROLES)(
    'as %s, no page has a serious or critical axe violation, each has its h1, title and skip link, and at 1280 px no page overflows',
    async (role) => {
      const { context, page, pages, errors } = await signedIn(role, WIDE);
      const failures: string[] = [];
      for (const entry of pages) {
        try {
          await show(page, entry.path);
        } catch (error) {
          failures.push(`${entry.path} as ${role}: did not show (${(error as Error).message})`);
          continue;
        }
        for (const violation of await seriousAxeViolations(page)) {
          failures.push(
            `${entry.path} as ${role}: ${violation.rule} (${violation.impact}) ${violation.help}` +
              `\n    ${violation.targets.join('\n    ')}`,
          );
        }
        for (const problem of await pageStructureProblems(page, { skipLink: true })) {
          failures.push(`${entry.path} as ${role}: ${problem}`);
        }
        // Laid out and photographed once, as the first role that sees the page (each person's
        // own training assignment as each of them).
        const photographer = firstRoleSeeing(USER_ROLES, entry, can);
        if (photographer === role || entry.route === TRAINING_ASSIGNMENT_ROUTE) {
          failures.push(...(await checkLayout(page, WIDE, role, entry)));
        }
      }
      await context.close();
      expect(failures).toEqual([]);
      expect(errors).toEqual([]);
    },
    300_000,
  );

  it('at 390 px no page overflows its container, and each is photographed', async () => {
    const failures: string[] = [];
    for (const role of USER_ROLES) {
      const { context, page, pages, errors } = await signedIn(role, PHONE);
      const photographed = pages.filter(
        (entry) =>
          firstRoleSeeing(USER_ROLES, entry, can) === role ||
          entry.route === TRAINING_ASSIGNMENT_ROUTE,
      );
      for (const entry of photographed) {
        try {
          await show(page, entry.path);
        } catch (error) {
          failures.push(`${entry.path} as ${role}: did not show (${(error as Error).message})`);
          continue;
        }
        failures.push(...(await checkLayout(page, PHONE, role, entry)));
      }
      await context.close();
      failures.push(...errors);
    }
    expect(failures).toEqual([]);
  }, 300_000);

  it('the pages before signing in pass axe and the layout check at both widths', async () => {
    const failures: string[] = [];
    for (const width of WIDTHS) {
      const context = await harness.browser.newContext({
        baseURL: harness.baseUrl,
        viewport: { width, height: 900 },
      });
      context.setDefaultTimeout(PAGE_TIMEOUT_MS);
      const page = await context.newPage();
      for (const entry of PUBLIC_PAGES) {
        await page.goto(entry.path);
        await page.locator('h1').first().waitFor();
        const problems = [
          ...(await seriousAxeViolations(page)).map(
            (violation) => `${violation.rule} (${violation.impact}) ${violation.help}`,
          ),
          ...(await pageStructureProblems(page, { skipLink: false })),
        ];
        failures.push(...problems.map((problem) => `${entry.path} at ${width} px: ${problem}`));
        failures.push(...(await checkLayout(page, width, 'public', entry)));
      }
      await context.close();
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
