import type { FastifyInstance } from 'fastify';
import { AppError, type FieldIssue } from '../errors.js';
import { findTextProblems } from '../text/text-problems.js';

/**
 * Refuses, before any route's validation, path parameters, query parameters and JSON bodies that
 * hold text no database column can store faithfully: a NUL character (PostgreSQL rejects it in
 * text, which would surface as a 500) or a lone UTF-16 surrogate (which would be stored as U+FFFD,
 * silently changing what was sent). The answer is the usual 400 with one issue per field. Bodies
 * a route reads as a stream (imports) are checked by their importer, which knows the line.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (request, _reply, done) => {
    const issues: FieldIssue[] = [];
    findTextProblems(request.params, 'params', issues);
    findTextProblems(request.query, 'query', issues);
    findTextProblems(request.body, 'body', issues);
    if (issues.length === 0) {
      done();
      return;
    }
    done(
      new AppError(
        'validation_failed',
        `The request is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        { issues },
      ),
    );
  });
}
