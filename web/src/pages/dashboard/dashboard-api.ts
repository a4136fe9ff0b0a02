/**
 * What the dashboard's charts read besides posture history and backup status: the open
 * nonconformances, every page of them (a chart groups them all by age).
 */
import { useWholeList } from '../../api/paging.js';

/** Under the work key, so that a change to any nonconformance refreshes the chart too. */
export function useOpenNonconformances() {
  return useWholeList(['work', 'nonconformances', 'open'], '/nonconformances', {
    query: { status: 'open,investigating,in_progress' },
  });
}
