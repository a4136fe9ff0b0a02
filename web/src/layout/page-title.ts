import { useEffect } from 'react';

const APP_NAME = 'Plumbline';

/** The browser tab's title for a page: "<page> · Plumbline" (WCAG 2.4.2, one per route). */
export function documentTitle(pageTitle: string): string {
  const title = pageTitle.replace(/\s+/g, ' ').trim();
  return title ? `${title} · ${APP_NAME}` : APP_NAME;
}

/** Sets the tab's title while the page is shown. */
export function usePageTitle(pageTitle: string): void {
  useEffect(() => {
    document.title = documentTitle(pageTitle);
  }, [pageTitle]);
}
