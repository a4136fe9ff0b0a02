/**
 * What the dashboard's charts read besides posture history and backup status: the open
 * nonconformances, every page of them (a chart groups them all by age).
 */
import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../api/ApiProvider.js';
import { wholeListOptions } from '../../api/paging.js';
import type { ApiClient } from '../../../../src/shared/api/api-client.js';
import type { OwnerRole, UserRole } from '../../api/types.js';
import type { OccurrenceFilters } from '../../api/work.js';

/** Practitioners count their own role's work; everyone else the whole organisation's. */
export function ownerRoleOf(role: UserRole): OwnerRole | undefined {
  return role === 'engineering' || role === 'security' ? role : undefined;
}

/** The open work the dashboard counts (MyWorkCounts). */
export function openWorkFilters(ownerRole: OwnerRole | undefined): OccurrenceFilters {
  return { status: ['due', 'overdue', 'in_progress'], ownerRole };
}

/** The months of posture history the charts draw. */
export const HISTORY_MONTHS = 12;

/** Under the work key, so that a change to any nonconformance refreshes the chart too. */
export function openNonconformancesOptions(api: Pick<ApiClient, 'get'>) {
  return wholeListOptions(api, ['work', 'nonconformances', 'open'], '/nonconformances', {
    query: { status: 'open,investigating,in_progress' },
  });
}

export function useOpenNonconformances() {
  return useQuery(openNonconformancesOptions(useApiClient()));
}
