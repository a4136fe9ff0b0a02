import type {
  AssetCategory,
  Criticality,
  DataClassification,
  Environment,
  LifecycleStatus,
  OccurrenceStatus,
  OwnerRole,
  ReviewItemStatus,
  TokenRole,
  UserRole,
} from '../api/types.js';
import type { PostureStatus, WorkOrderStatus } from '../api/work-types.js';
import { ROLE_TITLES } from '../../../src/platform/auth/role-titles.js';

// Display names for the API's enumerations. Each map is typed by the server's union, so adding a
// value on the server fails type checking here until it has a label (and an option in the forms).

export const CATEGORY_LABELS: Record<AssetCategory, string> = {
  facility: 'Facility',
  equipment: 'Equipment',
  transport: 'Transport',
  'cloud-service': 'Cloud service',
  server: 'Server',
  database: 'Database',
  storage: 'Storage',
  network: 'Network',
  application: 'Application',
  saas: 'SaaS',
  endpoint: 'Endpoint',
  other: 'Other',
};

export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  production: 'Production',
  staging: 'Staging',
  development: 'Development',
  corporate: 'Corporate',
};

export const CRITICALITY_LABELS: Record<Criticality, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const CRITICALITY_COLORS: Record<Criticality, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
};

export const DATA_CLASSIFICATION_LABELS: Record<DataClassification, string> = {
  confidential: 'Confidential',
  internal: 'Internal',
  public: 'Public',
};

export const LIFECYCLE_LABELS: Record<LifecycleStatus, string> = {
  requested: 'Requested',
  provisioning: 'Provisioning',
  verified: 'Verified',
  'in-service': 'In service',
  decommissioning: 'Decommissioning',
  decommissioned: 'Decommissioned',
};

export const OWNER_ROLE_LABELS: Record<OwnerRole, string> = {
  engineering: ROLE_TITLES.engineering,
  security: ROLE_TITLES.security,
  quality: ROLE_TITLES.quality,
  admin: ROLE_TITLES.admin,
};

export const USER_ROLE_LABELS: Record<UserRole, string> = {
  ...ROLE_TITLES,
  auditor: `${ROLE_TITLES.auditor} (read-only)`,
};

/** A token may also carry a token-only role (a narrow scope for one kind of job). */
export const TOKEN_ROLE_LABELS: Record<TokenRole, string> = {
  ...USER_ROLE_LABELS,
  'backup-writer': 'Backup writer (posts backup runs only)',
  'alert-writer': 'Alert writer (posts monitoring alerts only)',
  scim: 'SCIM provisioning (identity provider pushes people only)',
};

export const REVIEW_ITEM_STATUS_LABELS: Record<ReviewItemStatus, string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  corrected: 'Corrected',
};

export const REVIEW_ITEM_STATUS_COLORS: Record<ReviewItemStatus, string> = {
  pending: 'gray',
  confirmed: 'teal',
  corrected: 'blue',
};

export const OCCURRENCE_STATUS_LABELS: Record<OccurrenceStatus, string> = {
  upcoming: 'Upcoming',
  due: 'Due',
  in_progress: 'In progress',
  done: 'Done, awaiting verification',
  verified: 'Verified',
  overdue: 'Overdue',
  missed: 'Missed',
  not_applicable: 'Not applicable',
};

export const OCCURRENCE_STATUS_COLORS: Record<OccurrenceStatus, string> = {
  upcoming: 'gray',
  due: 'blue',
  in_progress: 'indigo',
  done: 'cyan',
  verified: 'teal',
  overdue: 'red',
  missed: 'dark',
  not_applicable: 'gray',
};

export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done, awaiting verification',
  verified: 'Verified',
};

export const WORK_ORDER_STATUS_COLORS: Record<WorkOrderStatus, string> = {
  open: 'blue',
  in_progress: 'indigo',
  done: 'cyan',
  verified: 'teal',
};

export const POSTURE_STATUS_LABELS: Record<PostureStatus, string> = {
  passing: 'Passing',
  at_risk: 'At risk',
  failing: 'Failing',
  no_evidence: 'No evidence',
  not_applicable: 'Not applicable',
};

export const POSTURE_STATUS_COLORS: Record<PostureStatus, string> = {
  passing: 'teal',
  at_risk: 'orange',
  failing: 'red',
  no_evidence: 'gray',
  not_applicable: 'gray',
};

/** `{ value, label }` options for a Select, in the order the map lists them. */
export function optionsOf<T extends string>(
  labels: Record<T, string>,
): { value: T; label: string }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

/** The label of a value the API sent as a plain string (matrix and review rows). */
export function labelOf<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value;
}
