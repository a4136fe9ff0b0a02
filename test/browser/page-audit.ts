import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/** axe-core's browser bundle, read once; evaluated in each page (no inline script: the CSP). */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

/** The WCAG 2.0 and 2.1 rules at levels A and AA; best-practice rules are not run. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  rule: string;
  impact: string;
  help: string;
  /** A few of the failing elements, as selectors with a snippet of their HTML. */
  targets: string[];
}

/**
 * Runs axe-core on the page as it stands and returns its serious and critical violations (the
 * moderate and minor ones are left to review).
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: RunOptions): Promise<AxeResults> };
      }
    ).axe;
    const results = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        rule: violation.id,
        impact: violation.impact ?? '',
        help: violation.help,
        targets: violation.nodes
          .slice(0, 3)
          .map((node) => `${node.target.join(' ')} ${node.html.slice(0, 120)}`),
      }));
  }, AXE_TAGS);
}

/**
 * Elements whose content is wider than their box and is neither scrollable nor meant to be cut:
 * text spilling over its neighbours, a row wider than the screen, a badge cut to "OVE…". Only the
 * innermost such element is reported (its ancestors overflow because of it). Measured in the page.
 */
export async function horizontalOverflows(page: Page): Promise<string[]> {
  // No named functions inside: the evaluated code must not depend on the test's transpiler.
  return page.evaluate(() => {
    const TOLERANCE_PX = 1;
    const overflowing: HTMLElement[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      if (!(element instanceof HTMLElement)) continue;
      // Form fields scroll their own text; hidden and visually-hidden elements show nothing.
      if (element.matches('input, textarea, select, [aria-hidden="true"] *')) continue;
      if (element.clientWidth <= 1 || element.getClientRects().length === 0) continue;
      if (element.scrollWidth <= element.clientWidth + TOLERANCE_PX) continue;
      // Nothing to read is cut or spilled (a switch's thumb, an icon's box).
      if ((element.textContent ?? '').trim() === '') continue;
      if (getComputedStyle(element).visibility === 'hidden') continue;
      // Inside a scroll container (a wide table in its scroller): reached by scrolling.
      let scrolled = false;
      for (
        let box: Element | null = element;
        box && box !== document.body;
        box = box.parentElement
      ) {
        const overflowX = getComputedStyle(box).overflowX;
        if (overflowX === 'auto' || overflowX === 'scroll') scrolled = true;
      }
      if (scrolled) continue;
      overflowing.push(element);
    }
    const innermost = overflowing.filter(
      (element) => !overflowing.some((other) => other !== element && element.contains(other)),
    );
    const root = document.documentElement;
    const pageOverflow =
      root.scrollWidth > root.clientWidth + TOLERANCE_PX
        ? [`the page itself (${root.scrollWidth} px wide in a ${root.clientWidth} px window)`]
        : [];
    return [
      ...pageOverflow,
      ...innermost.map((element) => {
        const testId = element.getAttribute('data-testid');
        const classes = [...element.classList].filter((name) => name.startsWith('mantine-'));
        const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
        return (
          `${element.tagName.toLowerCase()}${testId ? `[data-testid=${testId}]` : ''}` +
          `${classes.length > 0 ? `.${classes.join('.')}` : ''} "${text}" ` +
          `(${element.scrollWidth} px of content in ${element.clientWidth} px)`
        );
      }),
    ];
  });
}

/**
 * What every page must have besides axe's rules: one h1 and a tab title naming it; a signed-in
 * page also a "Skip to main content" link, first to take the focus, leading to the main region.
 */
export async function pageStructureProblems(
  page: Page,
  { skipLink }: { skipLink: boolean },
): Promise<string[]> {
  return page.evaluate((expectSkipLink) => {
    const problems: string[] = [];
    const headings = [...document.querySelectorAll('h1')];
    if (headings.length !== 1) problems.push(`${headings.length} h1 elements (expected one)`);
    const heading = (headings[0]?.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (heading && !document.title.startsWith(`${heading} · `)) {
      problems.push(`title "${document.title}" does not name the page "${heading}"`);
    }
    if (!document.title.endsWith(' · Plumbline')) {
      problems.push(`title "${document.title}" does not end in " · Plumbline"`);
    }
    if (!expectSkipLink) return problems;
    const focusable = document.querySelector<HTMLElement>(
      'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])',
    );
    const skipTarget = focusable?.getAttribute('href')?.startsWith('#')
      ? document.getElementById(focusable.getAttribute('href')!.slice(1))
      : null;
    if (focusable?.textContent?.trim() !== 'Skip to main content' || !skipTarget) {
      problems.push('the first focusable element is not a working "Skip to main content" link');
    } else if (!skipTarget.matches('main, [role="main"]')) {
      problems.push('the skip link does not lead to the main region');
    }
    return problems;
  }, skipLink);
}
