/**
 * The dashboard's first load (docs/performance.md, web first load): its charts' code and every
 * query of its first render (DashboardPage, WorkSummary, DashboardCharts), with the same keys and
 * for the same roles, asked for as soon as the session answers rather than once the dashboard has
 * rendered. Part of the shell: keep it small.
 */
import { can } from '../../../../src/platform/auth/policy.js';
import type { PagePrefetch } from '../../api/first-load.js';
import { postureHistoryOptions, postureOptions } from '../../api/posture.js';
import { assetsOptions, processesOptions, suppliersOptions } from '../../api/register.js';
import { reviewCampaignsOptions } from '../../api/reviews.js';
import { allOccurrencesOptions } from '../../api/work.js';
import { backupStatusOptions } from '../backups/backups-api.js';
import {
  HISTORY_MONTHS,
  openNonconformancesOptions,
  openWorkFilters,
  ownerRoleOf,
} from './dashboard-api.js';

export const prefetchDashboard: PagePrefetch = ({ queryClient, api }, { session }) => {
  const { role } = session.user;
  // An engaged auditor is sent on to posture (HomePage): the dashboard is never drawn.
  if (session.engagement) return;
  // The same chunk DashboardPage loads lazily: the charts' code arrives with the page's.
  import('./DashboardCharts.js').catch(() => undefined);
  // The headline numbers (the route's permission, the register, is checked by preloadPageAt)…
  void queryClient.prefetchQuery(assetsOptions(api));
  void queryClient.prefetchQuery(processesOptions(api));
  void queryClient.prefetchQuery(suppliersOptions(api));
  void queryClient.prefetchQuery(reviewCampaignsOptions(api));
  if (can(role, 'work:read')) {
    void queryClient.prefetchQuery(allOccurrencesOptions(api, openWorkFilters(ownerRoleOf(role))));
  }
  // …the posture headline and the charts, each for the roles that see it.
  if (can(role, 'posture:read')) {
    void queryClient.prefetchQuery(postureOptions(api));
    void queryClient.prefetchQuery(postureHistoryOptions(api, HISTORY_MONTHS));
  }
  if (can(role, 'backups:read')) void queryClient.prefetchQuery(backupStatusOptions(api));
  if (can(role, 'work:read')) void queryClient.prefetchQuery(openNonconformancesOptions(api));
};
