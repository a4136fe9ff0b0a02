/**
 * Typed application errors. The core throws these with a stable code; the HTTP edge maps the code
 * to a status and the CLI maps it to an exit code. Anything that is not an AppError is a bug and is
 * reported as a generic 500 without details.
 */
export type AppErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'mfa_required'
  | 'forbidden'
  | 'engagement_inactive'
  | 'outside_engagement'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'locked'
  | 'storage_full'
  | 'config_invalid'
  /** A stored evidence file or pack failed its integrity check (altered, or under another key). */
  | 'evidence_corrupt'
  /** A manual closeout contradicts what an automatic source recorded (work orders): 409. */
  | 'closeout_contradicted';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `body.criticality` or `line 4: key`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { issues?: FieldIssue[]; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details;
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);

export const HTTP_STATUS_BY_CODE: Record<AppErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  mfa_required: 401,
  forbidden: 403,
  engagement_inactive: 403,
  outside_engagement: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  locked: 423,
  storage_full: 507,
  config_invalid: 500,
  // The fault is this server's own storage, not an upstream (502) and not the client's request.
  evidence_corrupt: 500,
  closeout_contradicted: 409,
};
