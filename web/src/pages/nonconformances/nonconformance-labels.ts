import type { NonconformanceStatus } from '../../api/work-types.js';

export const NONCONFORMANCE_STATUS_LABELS: Record<NonconformanceStatus, string> = {
  open: 'Open',
  investigating: 'Investigating',
  in_progress: 'In progress',
  resolved: 'Resolved',
  closed: 'Closed',
};
