import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { can } from '../../platform/auth/policy.js';
import type { UserRole } from '../../platform/auth/roles.js';
import { userRoleSchema } from '../../platform/auth/roles.js';
import {
  decodeCursor,
  pageFromRows,
  pageQuerySchema,
  type Page,
} from '../../platform/http/paging.js';
import { userRepository } from './user.repository.js';

/** A colleague as work assignment and mentions show them: never more than this. */
export const colleagueSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: userRoleSchema,
  mayPerformWork: z
    .boolean()
    .describe('Whether work can be assigned to them (their role may perform it)'),
});
export type Colleague = z.infer<typeof colleagueSchema>;

export const listColleaguesQuerySchema = pageQuerySchema;

type Row = Awaited<ReturnType<typeof userRepository.allActive>>[number];

function toColleague(row: Row): Colleague {
  const role = row.role as UserRole;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role,
    mayPerformWork: can(role, 'work:perform'),
  };
}

const colleagueKey = z.tuple([z.string(), z.uuid()]);

/**
 * The enabled accounts by name, a page at a time: who work can be assigned to and who can be
 * mentioned. Disabled accounts are left out; the caller already sees who did what in the records.
 */
export async function listColleagues(
  ctx: Pick<AppContext, 'db'>,
  query: z.infer<typeof listColleaguesQuerySchema>,
): Promise<Page<Colleague>> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, colleagueKey);
  const rows = await userRepository.activePage(ctx.db, { after, limit: query.limit + 1 });
  return pageFromRows(rows, query.limit, (row) => [row.name, row.id], toColleague);
}

/** Every enabled account (mentions resolve against them). */
export async function listEveryColleague(ctx: Pick<AppContext, 'db'>): Promise<Colleague[]> {
  return (await userRepository.allActive(ctx.db)).map(toColleague);
}

/** One enabled account, or undefined when there is none with that id (or it is disabled). */
export async function findColleague(
  ctx: Pick<AppContext, 'db'>,
  id: string,
): Promise<Colleague | undefined> {
  const row = await userRepository.findById(ctx.db, id);
  return row && row.disabled_at === null ? toColleague(row) : undefined;
}
