import type { AuditedTransaction } from '../../platform/audit/mutate.js';
import type { Clock } from '../../platform/clock.js';
import { addDays, startOfDate } from '../../platform/time/zoned-time.js';
import {
  startRevocationClocks,
  type RevocationChange,
} from '../accounts/start-revocation-clocks.js';
import { peopleRepository, type PersonRow, type PersonValues } from './people.repository.js';
import type { PersonFields, PersonSource } from './person.schema.js';

export interface AppliedPersonChange {
  person: PersonRow;
  outcome: 'created' | 'updated' | 'unchanged';
  left: boolean;
  roleChanged: boolean;
}

/** One person as a source sent them, and the stored row it replaces (null: a new person). */
export interface PersonChange {
  existing: PersonRow | null;
  fields: PersonFields;
  source: PersonSource;
  scimDeleted?: boolean;
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

/** What a change does to a person: the values to store, and whether they left or moved. */
function planPersonChange(change: PersonChange, deps: PersonChangeDeps, now: Date) {
  const { existing, fields } = change;
  const { status, leftAt } = statusOf(fields, existing, deps, now);
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
    scim_deleted_at: change.scimDeleted ? (existing?.scim_deleted_at ?? now) : null,
  };
  const unchanged = existing !== null && sameValues(existing, values);
  const left = !unchanged && status === 'left' && existing?.status !== 'left';
  const roleChanged =
    !unchanged &&
    existing !== null &&
    existing.status === 'active' &&
    status === 'active' &&
    (existing.job_title !== values.job_title || existing.department !== values.department);
  return { change, values, leftAt, unchanged, left, roleChanged };
}

/**
 * Creates or updates people (from the CSV import or SCIM) in the caller's transaction, each
 * audited, and applies joiner/mover/leaver: a person who leaves starts a revocation clock on every
 * account they hold, one whose job role or department changes starts the role-change clock.
 * Set-based: the new people are inserted and the changed ones updated 1,000 a statement, their
 * audit entries appended at once, and all their clocks started together (startRevocationClocks).
 * Answers in the order of `changes`, with the number of clocks started.
 */
export async function applyPersonChanges(
  tx: AuditedTransaction,
  deps: PersonChangeDeps,
  changes: readonly PersonChange[],
): Promise<{ applied: AppliedPersonChange[]; clocksStarted: number }> {
  const plans = changes.map((change) => planPersonChange(change, deps, tx.now));
  const inserted = new Map(
    (
      await peopleRepository.insertMany(
        tx.trx,
        plans.flatMap((plan) =>
          plan.change.existing ? [] : [{ values: plan.values, source: plan.change.source }],
        ),
        tx.now,
      )
    ).map((row) => [row.user_name, row]),
  );
  const updated = new Map(
    (
      await peopleRepository.updateMany(
        tx.trx,
        plans.flatMap(({ change, values, unchanged }) =>
          change.existing && !unchanged ? [{ id: change.existing.id, values }] : [],
        ),
        tx.now,
      )
    ).map((row) => [row.id, row]),
  );
  const applied = plans.map((plan) => {
    const { existing } = plan.change;
    const person = existing
      ? plan.unchanged
        ? existing
        : updated.get(existing.id)!
      : inserted.get(plan.values.user_name)!;
    return { plan, person };
  });
  await tx.auditMany(
    applied.flatMap(({ plan, person }) => {
      const { existing, source } = plan.change;
      if (plan.unchanged) return [];
      return [
        {
          action: existing ? (plan.left ? 'person.left' : 'person.updated') : 'person.created',
          entityType: 'person',
          entityId: person.id,
          ...(existing ? { before: personAuditFields(existing) } : {}),
          after: { ...personAuditFields(person), source },
        },
      ];
    }),
  );
  const revocations: RevocationChange[] = applied.flatMap(({ plan, person }) => {
    const personLabel = `${person.name} <${person.email}>`;
    return [
      ...(plan.left && plan.leftAt
        ? [{ personId: person.id, personLabel, reason: 'leaver' as const, at: plan.leftAt }]
        : []),
      ...(plan.roleChanged
        ? [{ personId: person.id, personLabel, reason: 'mover' as const, at: tx.now }]
        : []),
    ];
  });
  const started = await startRevocationClocks(tx, deps, revocations);
  return {
    applied: applied.map(({ plan, person }) => ({
      person,
      outcome: plan.unchanged ? 'unchanged' : plan.change.existing ? 'updated' : 'created',
      left: plan.left,
      roleChanged: plan.roleChanged,
    })),
    clocksStarted: started.started,
  };
}

/** One person's change (SCIM, an ended employment): applyPersonChanges for one. */
export async function applyPersonChange(
  tx: AuditedTransaction,
  deps: PersonChangeDeps,
  existing: PersonRow | null,
  fields: PersonFields,
  source: PersonSource,
  options: { scimDeleted?: boolean } = {},
): Promise<AppliedPersonChange & { clocksStarted: number }> {
  const { applied, clocksStarted } = await applyPersonChanges(tx, deps, [
    { existing, fields, source, ...options },
  ]);
  return { ...applied[0]!, clocksStarted };
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
