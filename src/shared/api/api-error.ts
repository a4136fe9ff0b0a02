import type { ErrorBody } from './contract.generated.js';

/** One field-level problem reported by the API, e.g. `{ path: 'body.criticality', … }`. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Whether a parsed answer is the API's one error body (`{ error: { code, message, … } }`). */
export function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

function describeOtherAnswer(status: number, body: unknown): string {
  if (typeof body === 'string' && body.trim() !== '') {
    const text = body.trim().replace(/\s+/g, ' ');
    return `The server answered HTTP ${status} without an API error body: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
  }
  return `The server answered HTTP ${status} without an API error body`;
}

/**
 * A failed API call: the HTTP status and the error body's stable code, message, field issues and
 * details. An answer that is not the error body (a proxy's HTML page) still gives a status, a code
 * from the status and a message that says what came back.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown> | undefined;
  /** The answer as received: the error body, or the text when it was not one. */
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    const error = isErrorBody(body) ? body.error : undefined;
    super(error?.message ?? describeOtherAnswer(status, body));
    this.name = 'ApiError';
    this.status = status;
    this.code = error?.code ?? (status >= 500 ? 'internal' : 'bad_request');
    this.issues = error?.issues ?? [];
    this.details = error?.details;
    this.body = body;
  }
}
