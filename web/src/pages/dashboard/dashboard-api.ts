/**
 * What the dashboard's charts read besides posture history and backup status: the open
 * nonconformances, every page of them (a chart groups them all by age).
 */
import { useWholeListUntyped } from '../../api/paging.js';
import type { NonconformanceItem } from '../../api/work-types.js';

/** Under the work key, so that a change to any nonconformance refreshes the chart too. */
export function useOpenNonconformances() {
  return useWholeListUntyped<NonconformanceItem>(
    ['work', 'nonconformances', 'open'],
    '/nonconformances',
    {
      status: 'open,investigating,in_progress',
    },
  );
}
