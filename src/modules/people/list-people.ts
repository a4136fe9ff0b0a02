import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, pageFromRows, type Page } from '../../platform/http/paging.js';
import { personView } from './apply-person-change.js';
import { peopleRepository, type PersonRow } from './people.repository.js';
import type { ListPeopleQuery, PersonView } from './person.schema.js';

/** The people register in user-name order, a page at a time. */
export async function listPeople(
  ctx: Pick<AppContext, 'db'>,
  query: ListPeopleQuery,
): Promise<Page<PersonView>> {
  const after = query.cursor ? decodeCursor(query.cursor, z.tuple([z.string()]))[0] : null;
  const rows = await peopleRepository.page(ctx.db, {
    after,
    limit: query.limit,
    status: query.status,
  });
  return pageFromRows(rows, query.limit, (row: PersonRow) => [row.user_name], personView);
}

export async function getPerson(ctx: Pick<AppContext, 'db'>, id: string): Promise<PersonView> {
  const row = await peopleRepository.findById(ctx.db, id);
  if (!row) throw notFound('Person');
  return personView(row);
}

/** People by e-mail (lower-case), for linking the accounts a system reports to their holder. */
export async function findPeopleByEmails(
  db: AppContext['db'],
  emails: readonly string[],
): Promise<Map<string, { id: string; status: string; leftAt: Date | null; label: string }>> {
  const rows = await peopleRepository.findByEmails(db, [...new Set(emails)]);
  return new Map(
    rows.map((row) => [
      row.email,
      { id: row.id, status: row.status, leftAt: row.left_at, label: `${row.name} <${row.email}>` },
    ]),
  );
}
