import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, HTTP_STATUS_BY_CODE, type FieldIssue } from '../errors.js';
import { storageFailureOf, storageFullError } from '../storage/storage-full.js';
import { installInputGuard } from './input-guard.js';

export interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: FieldIssue[];
    details?: Record<string, unknown>;
  };
}

function validationIssues(error: FastifyError): FieldIssue[] {
  const context = error.validationContext ?? 'request';
  return (error.validation ?? []).map((item) => {
    const pointer = item.instancePath.replace(/^\//, '').replace(/\//g, '.');
    return {
      path: pointer ? `${context}.${pointer}` : context,
      message: item.message ?? 'is invalid',
    };
  });
}

/**
 * Sends an error body as plain JSON. A route's response schema describes its own answers (an
 * import report for 400, say); an error must never be squeezed through it, or the mismatch turns
 * a clean 400 into a 500.
 */
function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply
    .status(status)
    .type('application/json; charset=utf-8')
    .serializer(JSON.stringify)
    .send(body);
}

/** PostgreSQL SQLSTATEs that mean a concurrent writer won, not a bug. */
const UNIQUE_VIOLATION = '23505';
const SERIALIZATION_FAILURE = '40001';

/**
 * Maps errors to responses: AppError by its code, malformed requests to 400 with field-level
 * issues, anything else to a logged, generic 500 that reveals nothing. Text no column can hold
 * (NUL, lone surrogates) is refused before validation by the input guard, installed here so every
 * app that answers errors this way also refuses such input the same way.
 */
export function installErrorHandler(app: FastifyInstance): void {
  installInputGuard(app);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const body: ErrorBody = { error: { code: error.code, message: error.message } };
      if (error.issues.length > 0) body.error.issues = error.issues;
      if (error.details && error.code !== 'locked') body.error.details = error.details;
      return sendError(reply, HTTP_STATUS_BY_CODE[error.code], body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = validationIssues(error);
      return sendError(reply, 400, {
        error: {
          code: 'validation_failed',
          message: `The request is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          issues,
        },
      });
    }
    const storageFailure = storageFailureOf(error);
    if (storageFailure) {
      // A full disk is the operator's to fix: say so (507), and log it where they look.
      request.log.error({ err: error }, 'storage full');
      const full = storageFullError(storageFailure);
      return sendError(reply, 507, { error: { code: full.code, message: full.message } });
    }
    const sqlState = (error as { code?: unknown }).code;
    if (sqlState === UNIQUE_VIOLATION || sqlState === SERIALIZATION_FAILURE) {
      // Two requests raced to create the same record (or update it): the loser is told to
      // retry, the database kept exactly one.
      return sendError(reply, 409, {
        error: {
          code: 'conflict',
          message: 'Someone else changed the same record at the same moment; reload and try again',
        },
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code =
        status === 429
          ? 'rate_limited'
          : status === 413
            ? 'payload_too_large'
            : status === 415
              ? 'unsupported_media_type'
              : 'bad_request';
      return sendError(reply, status, { error: { code, message: error.message } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 500, {
      error: {
        code: 'internal',
        message: 'Something went wrong on our side; it has been logged.',
      },
    });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: 'not_found', message: `No route ${request.method} ${request.url}` },
    } satisfies ErrorBody),
  );
}
