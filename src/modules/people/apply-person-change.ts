import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import type { Clock } from '../../platform/clock.js';
import { addDays, startOfDate } from '../../platform/time/zoned-time.js';
import { startRevocationClocks } from '../accounts/start-revocation-clocks.js';
import { peopleRepository, type PersonRow, type PersonValues } from './people.repository.js';
import type { PersonFields, PersonSource } from './person.schema.js';

export interface AppliedPersonChange {
  person: PersonRow;
  outcome: 'created' | 'updated' | 'unchanged';
  left: boolean;
  roleChanged: boolean;
  clocksStarted: number;
}

export interface PersonChangeDeps {
  clock: Clock;
  timezone: string;
}

/** The end of a person's last day (their end date, in the organisation's time zone). */
export function endOfEndDate(endDate: string, timezone: string): Date {
  return startOfDate(addDays(endDate, 1), timezone);
}

/**
 * The person's status and leaving instant from what the source sent: they have left once the
 * source says so or their end date is over. They left at the end of their end date when that has
 * passed, otherwise when the source said so (now).
 */
function statusOf(
  fields: PersonFields,
  existing: PersonRow | null,
  deps: PersonChangeDeps,
  now: Date,
): { status: 'active' | 'left'; leftAt: Date | null } {
  const endedAt = fields.endDate ? endOfEndDate(fields.endDate, deps.timezone) : null;
  const ended = endedAt !== null && endedAt <= now;
  if (fields.active && !ended) return { status: 'active', leftAt: null };
  if (existing?.status === 'left' && existing.left_at) {
    return { status: 'left', leftAt: existing.left_at };
  }
  return { status: 'left', leftAt: ended ? endedAt : now };
}

function sameValues(row: PersonRow, values: PersonValues): boolean {
  return (
    row.user_name === values.user_name &&
    row.email === values.email &&
    row.name === values.name &&
    row.department === values.department &&
    row.job_title === values.job_title &&
    row.manager_email === values.manager_email &&
    row.status === values.status &&
    row.start_date === values.start_date &&
    row.end_date === values.end_date &&
    (row.left_at?.getTime() ?? null) === (values.left_at?.getTime() ?? null) &&
    row.external_id === values.external_id &&
    (row.scim_deleted_at?.getTime() ?? null) === (values.scim_deleted_at?.getTime() ?? null)
  );
}

/**
 * Creates or updates one person (from the CSV import or SCIM) in the caller's transaction, audited,
 * and applies joiner/mover/leaver: a person who leaves starts a revocation clock on every account
 * they hold, one whose job role or department changes starts the role-change clock.
 */
export async function applyPersonChange(
  tx: AuditedTransaction,
  deps: PersonChangeDeps,
  existing: PersonRow | null,
  fields: PersonFields,
  source: PersonSource,
  options: { scimDeleted?: boolean } = {},
): Promise<AppliedPersonChange> {
  const { status, leftAt } = statusOf(fields, existing, deps, tx.now);
  const values: PersonValues = {
    user_name: fields.userName.toLowerCase(),
    email: fields.email.toLowerCase(),
    name: fields.name,
    department: fields.department,
    job_title: fields.jobTitle,
    manager_email: fields.managerEmail,
    status,
    start_date: fields.startDate,
    end_date: fields.endDate,
    left_at: leftAt,
    external_id: fields.externalId,
    scim_deleted_at: options.scimDeleted ? (existing?.scim_deleted_at ?? tx.now) : null,
  };
  if (existing && sameValues(existing, values)) {
    return {
      person: existing,
      outcome: 'unchanged',
      left: false,
      roleChanged: false,
      clocksStarted: 0,
    };
  }
  const person = existing
    ? await peopleRepository.update(tx.trx, existing.id, values, tx.now)
    : await peopleRepository.insert(tx.trx, values, source, tx.now);
  const left = status === 'left' && existing?.status !== 'left';
  const roleChanged =
    existing !== null &&
    existing.status === 'active' &&
    status === 'active' &&
    (existing.job_title !== values.job_title || existing.department !== values.department);
  await tx.audit({
    action: existing ? (left ? 'person.left' : 'person.updated') : 'person.created',
    entityType: 'person',
    entityId: person.id,
    ...(existing ? { before: personAuditFields(existing) } : {}),
    after: { ...personAuditFields(person), source },
  });
  let clocksStarted = 0;
  const label = `${person.name} <${person.email}>`;
  if (left && leftAt) {
    const started = await startRevocationClocks(tx, deps, {
      personId: person.id,
      personLabel: label,
      reason: 'leaver',
      at: leftAt,
    });
    clocksStarted += started.started;
  }
  if (roleChanged) {
    const started = await startRevocationClocks(tx, deps, {
      personId: person.id,
      personLabel: label,
      reason: 'mover',
      at: tx.now,
    });
    clocksStarted += started.started;
  }
  return {
    person,
    outcome: existing ? 'updated' : 'created',
    left,
    roleChanged,
    clocksStarted,
  };
}

function personAuditFields(row: PersonRow) {
  return {
    userName: row.user_name,
    email: row.email,
    name: row.name,
    department: row.department,
    jobTitle: row.job_title,
    managerEmail: row.manager_email,
    status: row.status,
    startDate: row.start_date,
    endDate: row.end_date,
    leftAt: row.left_at?.toISOString() ?? null,
  };
}

/** A person as the API shows them. */
export function personView(row: PersonRow) {
  return {
    id: row.id,
    userName: row.user_name,
    email: row.email,
    name: row.name,
    department: row.department,
    jobTitle: row.job_title,
    managerEmail: row.manager_email,
    status: row.status as 'active' | 'left',
    startDate: row.start_date,
    endDate: row.end_date,
    leftAt: row.left_at?.toISOString() ?? null,
    externalId: row.external_id,
    source: row.source as PersonSource,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
