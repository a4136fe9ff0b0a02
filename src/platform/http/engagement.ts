import { AppError } from '../errors.js';
import type { Principal } from './principal.js';

/**
 * What an engaged auditor (an auditor user invited for a framework and a period, see
 * docs/auditor-access.md) may see: one framework, one period of records. Resolved once per
 * request and carried on the principal; handlers consult it only through the helpers below.
 */
export interface EngagementScope {
  engagementId: string;
  framework: string;
  /** First and last calendar day of the period (organisation time zone), inclusive. */
  periodFrom: string;
  periodTo: string;
  /** The period as instants: [periodStart, periodEnd). */
  periodStart: Date;
  periodEnd: Date;
  /** When the auditor's access ends. */
  expiresAt: Date;
}

/** Why an engaged auditor may use nothing at all right now. */
export type EngagementEndReason = 'not_started' | 'expired' | 'revoked';

/** `null` on a principal: not an engaged auditor (everyone else, internal auditors included). */
export type EngagementAccess =
  { status: 'active'; scope: EngagementScope } | { status: 'ended'; reason: EngagementEndReason };

/**
 * Which API routes an engaged auditor may reach; a route that declares none is closed to them
 * (deny by default). Every route they reach is audited (`auditor.viewed` / `auditor.downloaded`).
 * - `register`: the system description and their own session, not tied to a period.
 * - `period`: the handler limits the answer to the engagement (`assertWithinEngagement`;
 *   lists pass `engagementPeriod` to their query, `keepWithinEngagement` filters a record's parts).
 * - `download`: as `period`, audited as a download.
 */
export type EngagedAuditorRule = 'register' | 'period' | 'download';

export function engagementScope(principal: Principal | null): EngagementScope | null {
  const access = principal?.engagement ?? null;
  return access?.status === 'active' ? access.scope : null;
}

const toDate = (value: string | Date) => (value instanceof Date ? value : new Date(value));

type EngagementRequest = {
  framework?: string;
  from?: string;
  to?: string;
  at?: string | Date | null;
};

/** Why the request lies outside the scope, or null when it lies within. */
function violation(scope: EngagementScope, request: EngagementRequest): string | null {
  const period = `${scope.periodFrom} to ${scope.periodTo}`;
  if (request.framework !== undefined && request.framework !== scope.framework) {
    return `Your engagement covers the framework ${scope.framework} only`;
  }
  const outOfPeriod = (date: string | undefined) =>
    date !== undefined && (date < scope.periodFrom || date > scope.periodTo);
  if (outOfPeriod(request.from) || outOfPeriod(request.to)) {
    return `Your engagement covers the period ${period} only`;
  }
  if (request.at !== undefined && request.at !== null && !isWithinPeriod(scope, request.at)) {
    return `This lies outside your engagement period ${period}`;
  }
  return null;
}

/**
 * Refuses (403 `outside_engagement`) what lies outside the caller's engagement: another framework,
 * a period (`from`/`to` calendar days) not inside the engagement's, or an instant (`at`) outside
 * it. Refused rather than silently narrowed, so an auditor never mistakes a partial answer for a
 * whole one. Does nothing for callers who are not engaged auditors.
 */
export function assertWithinEngagement(
  principal: Principal | null,
  request: EngagementRequest,
): void {
  const scope = engagementScope(principal);
  const reason = scope && violation(scope, request);
  if (scope && reason) {
    throw new AppError('outside_engagement', reason, {
      details: {
        framework: scope.framework,
        periodFrom: scope.periodFrom,
        periodTo: scope.periodTo,
      },
    });
  }
}

/** Whether the caller may see it: always, unless an engaged auditor and outside the scope. */
export function isWithinEngagement(
  principal: Principal | null,
  request: EngagementRequest,
): boolean {
  const scope = engagementScope(principal);
  return !scope || violation(scope, request) === null;
}

function isWithinPeriod(scope: EngagementScope, at: string | Date): boolean {
  const time = toDate(at).getTime();
  return time >= scope.periodStart.getTime() && time < scope.periodEnd.getTime();
}

/**
 * The period an engaged auditor's list is limited to, as instants [start, end), for the query's
 * `where` (so a capped page is the period's page); null for everyone else.
 */
export function engagementWindow(principal: Principal | null): { start: Date; end: Date } | null {
  const scope = engagementScope(principal);
  return scope ? { start: scope.periodStart, end: scope.periodEnd } : null;
}

/** The records of a list an engaged auditor may see: those dated within the period. */
export function keepWithinEngagement<T>(
  principal: Principal | null,
  items: readonly T[],
  dateOf: (item: T) => string | Date | null,
): T[] {
  if (!engagementScope(principal)) return [...items];
  return items.filter((item) => {
    const date = dateOf(item);
    return date !== null && isWithinEngagement(principal, { at: date });
  });
}

/** An engaged auditor's period as instants [start, end), for a list's where clause. */
export interface EngagementPeriod {
  start: Date;
  end: Date;
}

/**
 * The period a list is limited to for an engaged auditor (undefined for everyone else). Lists
 * apply it in their query, next to their other filters, so an auditor's pages are full pages.
 */
export function engagementPeriod(principal: Principal | null): EngagementPeriod | undefined {
  const scope = engagementScope(principal);
  return scope ? { start: scope.periodStart, end: scope.periodEnd } : undefined;
}

/**
 * The instant a point-in-time view (posture) is evaluated at: the one asked for, or for an
 * engaged auditor who asked for none, the end of the period (or now, while it runs).
 */
export function engagementInstant(
  principal: Principal | null,
  at: string | undefined,
  now: Date,
): string | undefined {
  const scope = engagementScope(principal);
  if (!scope || at !== undefined) return at;
  const lastInstant = scope.periodEnd.getTime() - 1;
  return new Date(Math.min(lastInstant, now.getTime())).toISOString();
}
