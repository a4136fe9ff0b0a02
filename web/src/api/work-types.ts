/**
 * Work orders, nonconformances, posture and the effectiveness report as the web app sees them:
 * types inferred from the server's zod schemas, imported as types only (see types.ts).
 */
import type { z } from 'zod';
import type {
  AssetPosture,
  EffectivenessReport,
  EffectivenessReportRow,
  Posture,
  assetPostureListSchema,
  statusCountsSchema,
} from '../../../src/modules/posture/posture.schema.js';
import type {
  NonconformanceItem,
  NonconformanceStatus,
  NonconformanceView,
} from '../../../src/modules/nonconformances/nonconformance.schema.js';
import type { ControlStatus } from '../../../src/modules/posture/control-status.js';
import type {
  CreateWorkOrderInput,
  EvidenceView,
  WorkOrderDetail,
  WorkOrderKind,
  WorkOrderStatus,
  WorkOrderView,
} from '../../../src/modules/work-orders/work-order.schema.js';

export type {
  AssetPosture,
  CreateWorkOrderInput,
  EffectivenessReport,
  EffectivenessReportRow,
  EvidenceView,
  NonconformanceItem,
  NonconformanceStatus,
  NonconformanceView,
  Posture,
  WorkOrderDetail,
  WorkOrderKind,
  WorkOrderStatus,
  WorkOrderView,
};

/** Listed here again because a type-only import cannot bring the server's runtime list. */
export const WORK_ORDER_STATUSES = [
  'open',
  'in_progress',
  'done',
  'verified',
] as const satisfies readonly WorkOrderStatus[];

export type ChecklistItemView = WorkOrderDetail['checklist'][number];
export type SignatureView = WorkOrderDetail['signatures'][number];
export type WorkOrderHistoryEntry = WorkOrderDetail['history'][number];
export type WorkOrderHistoryKind = WorkOrderHistoryEntry['kind'];
export type SignatureMeaning = SignatureView['meaning'];

/** Whose work a list shows: a person's id, `me` or `nobody` (the server's `assignee` filter). */
export type AssigneeFilter = 'me' | 'nobody' | (string & {});

export interface WorkOrderFilters {
  status?: WorkOrderStatus[] | undefined;
  mine?: boolean | undefined;
  kind?: WorkOrderKind | undefined;
  assignee?: AssigneeFilter | undefined;
}

export type {
  AssignmentResult,
  BulkAssignResponse,
  WorkRef,
} from '../../../src/modules/work-orders/work-assignment.js';
export type { EachOrNoneReport } from '../../../src/platform/audit/mutate-each-or-none.js';

/**
 * Re-authentication for an electronic signature: the password, or a code from the app; for a
 * single sign-on account, the proof of a fresh sign-in at the provider (docs/sso.md).
 */
export type SignatureCredentials =
  { password: string } | { totpCode: string } | { signingProof: string };

export type VerifyWorkOrderInput = SignatureCredentials & { note?: string };
export type RejectWorkOrderInput = SignatureCredentials & { reason: string };

export type PostureStatus = ControlStatus;
export type PostureCounts = z.infer<typeof statusCountsSchema>;
export type PostureFramework = Posture['frameworks'][number];
export type PostureRequirement = PostureFramework['requirements'][number];
export type PostureControl = Posture['controls'][number];
export type AssetPostureList = z.infer<typeof assetPostureListSchema>;

/** Worst first, as the server orders them. */
export const POSTURE_STATUSES = [
  'failing',
  'at_risk',
  'no_evidence',
  'passing',
  'not_applicable',
] as const satisfies readonly PostureStatus[];

export interface EffectivenessQuery {
  framework: string;
  /** First day, `YYYY-MM-DD` in the organisation's time zone. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export const NONCONFORMANCE_STATUSES = [
  'open',
  'investigating',
  'in_progress',
  'resolved',
  'closed',
] as const satisfies readonly NonconformanceStatus[];
