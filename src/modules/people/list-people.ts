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
