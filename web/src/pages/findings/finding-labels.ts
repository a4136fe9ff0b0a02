import type { FindingSeverity, FindingStatus } from './findings-api.js';

export const SEVERITY_COLORS: Record<FindingSeverity, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'blue',
  negligible: 'gray',
  unknown: 'gray',
};

export const STATUS_LABELS: Record<FindingStatus, string> = {
  open: 'Open',
  accepted: 'Accepted risk',
  fixed: 'Fixed',
};
