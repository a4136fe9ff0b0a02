/**
 * The API contract as the web app sees it: types inferred from the server's zod schemas, imported
 * as types only so no server code reaches the browser bundle.
 */
import type { z } from 'zod';
import type { QueryOf } from '../../../src/shared/api/api-client.js';
import type {
  auditChainReportSchema,
  AuditEventView,
} from '../../../src/modules/audit-log/audit-log.schema.js';
import type {
  ControlSummary,
  ControlView,
  FrameworkSummary,
  FrameworkView,
} from '../../../src/modules/controls/catalog-view.schema.js';
import type { ApiTokenView } from '../../../src/modules/identity/api-token.service.js';
import type {
  AuditorEngagementView,
  InvitationIssuedView,
  InviteAuditorInput,
} from '../../../src/modules/identity/auditor-engagement.schema.js';
import type {
  MailStatus,
  NotificationView,
} from '../../../src/modules/notifications/notification.schema.js';
import type { UserView } from '../../../src/modules/identity/user.schema.js';
import type { AssetImportReport } from '../../../src/modules/register/import-assets.js';
import type {
  AssetCategory,
  AssetInput,
  AssetPatch,
  AssetView,
  Criticality,
  Environment,
  OwnerRole,
} from '../../../src/modules/register/asset.schema.js';
import type {
  MatrixRowInput,
  MatrixRowPatch,
  MatrixRowView,
  ProcessInput,
  ProcessPatch,
  ProcessView,
} from '../../../src/modules/register/process.schema.js';
import type {
  RespondToReviewInput,
  ReviewCampaignView,
  ReviewItemStatus,
  ReviewItemView,
  StartReviewInput,
} from '../../../src/modules/inventory-reviews/review.schema.js';
import type {
  SupplierInput,
  SupplierPatch,
  SupplierView,
} from '../../../src/modules/register/supplier.schema.js';
import type { OccurrenceStatus } from '../../../src/modules/occurrences/occurrence-status.js';
import type { OccurrenceView } from '../../../src/modules/occurrences/occurrence.schema.js';
import type { Permission } from '../../../src/platform/auth/policy.js';
import type { TokenRole, UserRole } from '../../../src/platform/auth/roles.js';
import type { SessionState } from '../../../src/platform/http/principal.js';

export type {
  ApiTokenView,
  AuditorEngagementView,
  InvitationIssuedView,
  InviteAuditorInput,
  MailStatus,
  NotificationView,
  AssetCategory,
  AssetImportReport,
  AssetInput,
  AssetPatch,
  AssetView,
  AuditEventView,
  ControlSummary,
  ControlView,
  Criticality,
  Environment,
  FrameworkSummary,
  FrameworkView,
  MatrixRowInput,
  MatrixRowPatch,
  MatrixRowView,
  OccurrenceStatus,
  OccurrenceView,
  OwnerRole,
  Permission,
  ProcessInput,
  ProcessPatch,
  ProcessView,
  RespondToReviewInput,
  ReviewCampaignView,
  ReviewItemStatus,
  ReviewItemView,
  SessionState,
  StartReviewInput,
  SupplierInput,
  SupplierPatch,
  SupplierView,
  TokenRole,
  UserRole,
  UserView,
};

export type DataClassification = AssetView['dataClassification'];
export type LifecycleStatus = AssetView['lifecycleStatus'];
export type AuditChainReport = z.infer<typeof auditChainReportSchema>;
export type ReviewCampaignDetail = ReviewCampaignView & { items: ReviewItemView[] };

export interface Session {
  authenticated: boolean;
  state: SessionState | null;
  csrfToken: string | null;
  user: UserView | null;
  setupNeeded: boolean;
  /** How an e-signature re-authenticates: password or code, or a fresh sign-in at the provider. */
  signsWith: 'credentials' | 'identity_provider' | null;
  /** Set for an engaged auditor: what their access covers (docs/auditor-access.md). */
  engagement: OwnEngagement | null;
  /** The organisation's time zone (for a signed-in person): dates are shown in it. */
  timeZone: string | null;
}

export interface OwnEngagement {
  framework: string;
  periodFrom: string;
  periodTo: string;
  expiresAt: string;
}

/** Filters the asset list accepts (a subset of the server's query schema). */
export interface AssetFilters {
  q?: string | undefined;
  category?: AssetCategory | undefined;
  environment?: Environment | undefined;
  criticality?: Criticality | undefined;
  lifecycleStatus?: LifecycleStatus | undefined;
  supplier?: string | undefined;
}

export type AuditFilters = Omit<QueryOf<'/audit/events'>, 'limit' | 'cursor'>;
