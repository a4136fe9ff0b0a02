import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startPlumbline } from '../src/app/start.js';
import { DEMO_PASSWORD } from '../src/modules/demo/demo-data.js';
import { demoEmail } from '../src/modules/demo/demo-types.js';
import { loadDemoOrganisation } from '../src/modules/demo/load-demo.js';
import { listAssets } from '../src/modules/register/asset-queries.js';
import { importAssetsCsv } from '../src/modules/register/import-assets.js';
import { createSupplier } from '../src/modules/register/supplier.service.js';
import { systemActor } from '../src/platform/audit/actor.js';
import { loadConfig } from '../src/platform/config.js';
import { generateAssetCsv, SUPPLIER_COUNT } from './register-import.js';

/*
 * `npm run build && npx tsx bench/web-first-load.ts [--runs 5] [--assets 10000]`
 *
 * First load of the web UI as a signed-in person meets it, in the system Chromium (never
 * downloaded; PLUMBLINE_CHROMIUM overrides /usr/bin/chromium): the server (embedded PGlite, the
 * demo organisation, the built UI from dist/web) in this process, a fresh browser context (empty
 * cache, the session cookie) for every load. For each page: from navigation start to the moment
 * its content is visible, read in the page from performance.now() (the browser's performance
 * timing, polled every frame), the navigation's responseEnd and domContentLoaded, and the
 * JavaScript the page loaded, gzipped. The floor is a tiny static file from the same server in the
 * same run, and every page's median is printed beside it (× floor). Pages: sign-in (signed out),
 * the dashboard (tiles, then every chart), and the asset list after `--assets` more assets are
 * imported (its first page of rows, counted: the list pages, so the first load is bounded). Median
 * and best of `--runs`; printed and written to bench/out/web-first-load.json with the load
 * average; never asserted by tests.
 */

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    assets: { type: 'string', default: '10000' },
    // Another build of the UI (e.g. main's, built with `vite build --outDir`), for before/after.
    'web-root': { type: 'string' },
    // Print, for the last load of each page, when each request started and ended.
    waterfall: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const extraAssets = Number(values.assets);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number ≥ 1');
if (!Number.isInteger(extraAssets) || extraAssets < 0 || extraAssets > 10_000) {
  throw new Error('--assets must be a whole number from 0 to 10000 (the import limit)');
}

const CHROMIUM = process.env.PLUMBLINE_CHROMIUM ?? '/usr/bin/chromium';
const WEB_ROOT = values['web-root']
  ? path.resolve(values['web-root'])
  : fileURLToPath(new URL('../dist/web', import.meta.url));
if (!fs.existsSync(path.join(WEB_ROOT, 'index.html'))) {
  throw new Error(`No built web UI in ${WEB_ROOT}: run npm run build:web first`);
}

interface Load {
  /** Navigation start to content visible, ms. */
  visibleMs: number;
  responseEndMs: number;
  domContentLoadedMs: number;
  jsFiles: number;
  jsGzipBytes: number;
  /** Table rows in the page when its content became visible (a list's first page). */
  tableRows: number;
  /** Scripts, styles and API requests until visible: path, start and end (ms from navigation). */
  requests: { name: string; startMs: number; endMs: number }[];
}

interface PageFigures {
  page: string;
  url: string;
  content: string;
  runs: Load[];
  medianVisibleMs: number;
  bestVisibleMs: number;
  /** The median as a multiple of the floor's median, measured in the same run. */
  timesFloor: number;
  jsGzipKb: number;
}

/** What "visible" means for each page: an expression evaluated in the page every frame. */
const TILES_SHOWN = `(() => {
  const tiles = document.querySelector('[data-testid="headline-counts"]');
  return tiles !== null && !tiles.textContent.includes('…');
})()`;
const READY = {
  floor: `document.readyState === 'complete'`,
  signIn: `[...document.querySelectorAll('button')].some((b) => b.textContent === 'Sign in')`,
  dashboardTiles: TILES_SHOWN,
  dashboardCharts: `${TILES_SHOWN} &&
    document.querySelectorAll('[data-testid="dashboard-charts"] figure svg').length >= 4`,
  assetRows: `document.querySelectorAll('tbody tr').length > 0`,
};

async function loadOnce(
  browser: Browser,
  baseUrl: string,
  url: string,
  ready: string,
  storageState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined,
): Promise<Load> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1366, height: 900 },
    // The check polled in the page is evaluated from a string, which the app's CSP forbids.
    bypassCSP: true,
    ...(storageState ? { storageState } : {}),
  });
  try {
    const page = await context.newPage();
    const scripts: Promise<number>[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.endsWith('.js')) {
        // A script still arriving when the context closes counts as nothing (after visible).
        scripts.push(
          response.body().then(
            (body) => gzipSync(body).length,
            () => 0,
          ),
        );
      }
    });
    await page.goto(url, { waitUntil: 'commit' });
    const visible = await page.waitForFunction(`(${ready}) ? performance.now() : false`, null, {
      polling: 'raf',
      timeout: 120_000,
    });
    const visibleMs = (await visible.jsonValue()) as number;
    const navigation = await page.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        responseEnd: entry.responseEnd,
        domContentLoaded: entry.domContentLoadedEventEnd,
        tableRows: document.querySelectorAll('tbody tr').length,
        requests: performance
          .getEntriesByType('resource')
          .map((resource) => ({
            name: new URL(resource.name).pathname + new URL(resource.name).search,
            startMs: Math.round(resource.startTime),
            endMs: Math.round((resource as PerformanceResourceTiming).responseEnd),
          }))
          .filter((request) => /\.(js|css)$|^\/api\//.test(request.name)),
      };
    });
    // The scripts requested until the content was visible: the first page's JavaScript.
    const sizes = await Promise.all(scripts.slice());
    return {
      visibleMs,
      responseEndMs: navigation.responseEnd,
      domContentLoadedMs: navigation.domContentLoaded,
      jsFiles: sizes.length,
      jsGzipBytes: sizes.reduce((sum, size) => sum + size, 0),
      tableRows: navigation.tableRows,
      requests: navigation.requests.filter((request) => request.startMs <= visibleMs),
    };
  } finally {
    await context.close();
  }
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-web-bench-'));
const running = await startPlumbline({
  config: loadConfig({
    PLUMBLINE_DATA_DIR: dataDir,
    PLUMBLINE_LOG_LEVEL: 'warn',
    PLUMBLINE_SCHEDULER: 'false',
    PLUMBLINE_REQUIRE_MFA: 'false',
    PLUMBLINE_SECRET_KEY: randomBytes(32).toString('base64'),
    PLUMBLINE_TIMEZONE: 'Europe/Berlin',
  }),
  webRoot: WEB_ROOT,
  beforeServe: async (ctx) => {
    await loadDemoOrganisation(ctx);
  },
});
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
  ],
});
const figures: PageFigures[] = [];
try {
  const address = await running.app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = address.replace('localhost', '127.0.0.1');

  // Sign in once (the quality lead of the demo) and reuse the session cookie for every load.
  const signInContext = await browser.newContext({ baseURL: baseUrl });
  const signInPage = await signInContext.newPage();
  await signInPage.goto('/login');
  await signInPage.getByRole('textbox', { name: 'E-mail', exact: true }).fill(demoEmail('quality'));
  await signInPage.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
  await signInPage.getByRole('button', { name: 'Sign in' }).click();
  await signInPage.getByTestId('current-user').waitFor({ timeout: 60_000 });
  const session = await signInContext.storageState();
  await signInContext.close();

  const measure = async (
    page: string,
    url: string,
    content: string,
    ready: string,
    signedIn: boolean,
  ) => {
    const loads: Load[] = [];
    // One unmeasured load first: the server's first answers (query plans, the posture cache).
    await loadOnce(browser, baseUrl, url, ready, signedIn ? session : undefined);
    for (let run = 0; run < runs; run += 1) {
      loads.push(await loadOnce(browser, baseUrl, url, ready, signedIn ? session : undefined));
    }
    const medianVisibleMs = median(loads.map((load) => load.visibleMs));
    // The first page measured is the floor: every figure is printed beside it.
    const floorMs = figures[0]?.medianVisibleMs ?? medianVisibleMs;
    const result: PageFigures = {
      page,
      url,
      content,
      runs: loads,
      medianVisibleMs,
      bestVisibleMs: Math.min(...loads.map((load) => load.visibleMs)),
      timesFloor: medianVisibleMs / floorMs,
      jsGzipKb: Math.max(...loads.map((load) => load.jsGzipBytes)) / 1000,
    };
    figures.push(result);
    const rows = loads[0]!.tableRows > 0 ? `; ${loads[0]!.tableRows} table rows` : '';
    console.log(
      `${page.padEnd(28)} visible ${result.medianVisibleMs.toFixed(0).padStart(6)} ms median ` +
        `(${result.timesFloor.toFixed(1)}× floor of ${floorMs.toFixed(0)} ms), ` +
        `${result.bestVisibleMs.toFixed(0).padStart(6)} ms best; JS ${result.jsGzipKb.toFixed(1)} kB gzipped ` +
        `in ${loads[0]!.jsFiles} files${rows}`,
    );
    if (values.waterfall) {
      const last = loads.at(-1)!;
      console.log(`  the last load, visible at ${last.visibleMs.toFixed(0)} ms:`);
      for (const request of last.requests) {
        const name = request.name.replace(/^\/static\//, '').slice(0, 60);
        console.log(
          `    ${String(request.startMs).padStart(5)} → ${String(request.endMs).padStart(5)} ms  ${name}`,
        );
      }
    }
  };

  await measure('floor (static file)', '/favicon.svg', 'the file', READY.floor, false);
  await measure('sign-in page', '/login', 'the Sign in button', READY.signIn, false);
  await measure('dashboard: tiles', '/', 'headline numbers', READY.dashboardTiles, true);
  await measure('dashboard: charts', '/', 'tiles and 4 charts', READY.dashboardCharts, true);
  await measure('assets (demo)', '/assets', 'first rows', READY.assetRows, true);

  if (extraAssets > 0) {
    for (let index = 0; index < SUPPLIER_COUNT; index += 1) {
      await createSupplier(running.ctx, systemActor, {
        key: `supplier-${index}`,
        name: `Supplier ${index}`,
        services: 'Generated for the benchmark',
        contractReference: '',
        escalationContact: '',
        certifications: [],
        notes: '',
      });
    }
    const started = performance.now();
    const imported = await importAssetsCsv(
      running.ctx,
      systemActor,
      Buffer.from(generateAssetCsv(extraAssets)),
      { dryRun: false, partial: false },
    );
    if (imported.created !== extraAssets) {
      throw new Error(`import went wrong: ${JSON.stringify(imported).slice(0, 500)}`);
    }
    console.log(
      `(imported ${extraAssets} assets in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    const total = (await listAssets(running.ctx, { limit: 1, offset: 0 })).total;
    await measure(`assets (${total} in register)`, '/assets', 'first rows', READY.assetRows, true);
  }
} finally {
  await browser.close();
  await running.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const load = os.loadavg().map((value) => value.toFixed(2));
console.log(`load average ${load.join(', ')} on ${os.cpus().length} cores`);
const outDirectory = fileURLToPath(new URL('./out', import.meta.url));
fs.mkdirSync(outDirectory, { recursive: true });
const outFile = path.join(outDirectory, 'web-first-load.json');
fs.writeFileSync(
  outFile,
  JSON.stringify(
    { at: new Date().toISOString(), node: process.version, runs, loadAverage: load, figures },
    null,
    2,
  ),
);
console.log(`Written to ${path.relative(process.cwd(), outFile)}`);
