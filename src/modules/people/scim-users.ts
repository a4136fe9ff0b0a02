import type { Actor } from '../../platform/audit/actor.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { AppContext } from '../../platform/context.js';
import { applyPersonChange } from './apply-person-change.js';
import { peopleRepository, type PersonRow } from './people.repository.js';
import {
  applyScimPatch,
  parseScimFilter,
  personFieldsFromScim,
  SCIM_LIST_SCHEMA,
  ScimError,
  scimUserOf,
} from './scim-user.js';

type ScimDeps = Pick<AppContext, 'db' | 'clock' | 'config'>;
type Db = AppContext['db'];

/** The SCIM base the resources' locations are written against (`meta.location`). */
export interface ScimOrigin {
  baseUrl: string;
}

const MAX_SCIM_PAGE = 1000;

function notFoundError(id: string): ScimError {
  return new ScimError(404, `User ${id} not found`);
}

async function liveUser(db: Db, id: string): Promise<PersonRow> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const row = uuid.test(id) ? await peopleRepository.findById(db, id) : undefined;
  if (!row || row.scim_deleted_at !== null) throw notFoundError(id);
  return row;
}

async function managerIdOf(db: Db, row: PersonRow): Promise<string | null> {
  if (!row.manager_email) return null;
  const [manager] = await peopleRepository.findByEmails(db, [row.manager_email]);
  return manager?.id ?? null;
}

async function resourceOf(db: Db, row: PersonRow, origin: ScimOrigin) {
  return scimUserOf(row, `${origin.baseUrl}/Users/${row.id}`, await managerIdOf(db, row));
}

/** The manager's e-mail for a manager id a provider sent (another provisioned person). */
async function managerEmails(db: Db, resource: unknown): Promise<(id: string) => string | null> {
  const ids = new Map<string, string>();
  const extension = (resource as Record<string, unknown> | null)?.[
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
  ] as { manager?: { value?: unknown } | string } | undefined;
  const manager = extension?.manager;
  const id = typeof manager === 'string' ? manager : manager?.value;
  if (typeof id === 'string') {
    const row = await peopleRepository.findById(db, id).catch(() => undefined);
    if (row) ids.set(id, row.email);
  }
  return (managerId) => ids.get(managerId) ?? null;
}

/** GET /Users: every person, or the one `userName eq "..."` names (what Okta and Entra probe). */
export async function listScimUsers(
  ctx: Pick<AppContext, 'db'>,
  query: { filter?: string | undefined; startIndex?: number; count?: number },
  origin: ScimOrigin,
) {
  const filter = parseScimFilter(query.filter);
  const startIndex = Math.max(1, query.startIndex ?? 1);
  const count = Math.min(MAX_SCIM_PAGE, Math.max(0, query.count ?? 100));
  const { rows, total } = await peopleRepository.scimPage(ctx.db, {
    filter,
    offset: startIndex - 1,
    limit: count,
  });
  const resources = [];
  for (const row of rows) resources.push(await resourceOf(ctx.db, row, origin));
  return {
    schemas: [SCIM_LIST_SCHEMA],
    totalResults: total,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

export async function getScimUser(ctx: Pick<AppContext, 'db'>, id: string, origin: ScimOrigin) {
  return resourceOf(ctx.db, await liveUser(ctx.db, id), origin);
}

/** POST /Users: provisions a person (409 when the userName is taken by a live one). */
export async function createScimUser(
  ctx: ScimDeps,
  actor: Actor,
  resource: unknown,
  origin: ScimOrigin,
) {
  const fields = personFieldsFromScim(resource, await managerEmails(ctx.db, resource), {
    startDate: null,
    endDate: null,
  });
  const row = await mutate(ctx, actor, async (tx) => {
    const existing = (await peopleRepository.findByUserName(tx.trx, fields.userName)) ?? null;
    if (existing && existing.scim_deleted_at === null && existing.source === 'scim') {
      throw new ScimError(409, `userName ${fields.userName} is already provisioned`, 'uniqueness');
    }
    // A person imported from CSV (or deleted earlier) is taken over by the identity provider.
    const applied = await applyPersonChange(
      tx,
      { clock: ctx.clock, timezone: ctx.config.timezone },
      existing,
      { ...fields, startDate: existing?.start_date ?? null, endDate: existing?.end_date ?? null },
      'scim',
    );
    if (existing && existing.source !== 'scim') {
      await peopleRepository.setSource(tx.trx, existing.id, 'scim');
    }
    if (applied.outcome === 'unchanged') {
      await tx.audit({
        action: 'person.provisioned',
        entityType: 'person',
        entityId: applied.person.id,
      });
    }
    return applied.person;
  });
  return resourceOf(ctx.db, row, origin);
}

/** PUT /Users/:id: the provider's full view of the person replaces ours. */
export async function replaceScimUser(
  ctx: ScimDeps,
  actor: Actor,
  id: string,
  resource: unknown,
  origin: ScimOrigin,
) {
  const managerEmailOf = await managerEmails(ctx.db, resource);
  const row = await mutate(
    ctx,
    actor,
    async (tx) => {
      const existing = await liveUser(tx.trx, id);
      const fields = personFieldsFromScim(resource, managerEmailOf, {
        startDate: existing.start_date,
        endDate: existing.end_date,
      });
      const other = await peopleRepository.findByUserName(tx.trx, fields.userName);
      if (other && other.id !== existing.id) {
        throw new ScimError(
          409,
          `userName ${fields.userName} belongs to another user`,
          'uniqueness',
        );
      }
      const applied = await applyPersonChange(
        tx,
        { clock: ctx.clock, timezone: ctx.config.timezone },
        existing,
        fields,
        'scim',
      );
      return applied.person;
    },
    { mayFindNothingToDo: true },
  );
  return resourceOf(ctx.db, row, origin);
}

/** PATCH /Users/:id: the operations applied to the stored resource, then stored like a PUT. */
export async function patchScimUser(
  ctx: ScimDeps,
  actor: Actor,
  id: string,
  body: unknown,
  origin: ScimOrigin,
) {
  const current = await getScimUser(ctx, id, origin);
  const patched = applyScimPatch(current, body);
  return replaceScimUser(ctx, actor, id, patched, origin);
}

/**
 * DELETE /Users/:id: the provider removed the person. The record is kept (auditors ask when each
 * leaver's access ended), marked deleted so SCIM no longer sees it, and the person leaves now if
 * they had not already.
 */
export async function deleteScimUser(ctx: ScimDeps, actor: Actor, id: string): Promise<void> {
  await mutate(ctx, actor, async (tx) => {
    const existing = await liveUser(tx.trx, id);
    const current = personFieldsFromScim(
      scimUserOf(existing, '', null),
      () => existing.manager_email,
      { startDate: existing.start_date, endDate: existing.end_date },
    );
    await applyPersonChange(
      tx,
      { clock: ctx.clock, timezone: ctx.config.timezone },
      existing,
      { ...current, managerEmail: existing.manager_email, active: false },
      'scim',
      { scimDeleted: true },
    );
  });
}
