import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { SessionPrincipal } from '../../src/modules/signatures/sign-record.js';
import type { UserRole } from '../../src/platform/auth/roles.js';
import { AppError } from '../../src/platform/errors.js';
import type { TestApp } from './test-app.js';

/**
 * What use-case tests beside the code share (ARCHITECTURE.md "Adding a record type", step 7):
 * a caller as the server resolves one, the audit trail of a record, and the typed refusal.
 */

/** A signed-in person of the role, as the server resolves one (their password signs). */
export async function sessionPerson(t: TestApp, role: UserRole): Promise<SessionPrincipal> {
  const user = await t.createUser(role, `${role}-${randomUUID()}@example.test`);
  return {
    via: 'session',
    actor: { type: 'user', id: user.id, label: user.email, role },
    userId: user.id,
    sessionIdHash: randomUUID(),
    sessionState: 'active',
    csrfToken: randomUUID(),
  };
}

/** The audit actions recorded for an entity, oldest first. */
export async function auditedActionsOf(t: TestApp, entityId: string): Promise<string[]> {
  const rows = await t.ctx.db
    .selectFrom('audit_events')
    .select('action')
    .where('entity_id', '=', entityId)
    .orderBy('seq')
    .execute();
  return rows.map((row) => row.action);
}

/** The typed error a use case refuses with (fails the test when it does not refuse). */
export async function refusal(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
