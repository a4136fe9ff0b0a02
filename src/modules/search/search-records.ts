import type { Kysely } from 'kysely';
import { can, type Permission } from '../../platform/auth/policy.js';
import type { Role } from '../../platform/auth/roles.js';
import type { AppContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/schema.js';
import {
  SEARCH_KINDS,
  SEARCH_MATCHES,
  type SearchAnswer,
  type SearchKind,
  type SearchQuery,
  type SearchResult,
} from './search.schema.js';
import {
  searchRepository,
  searchTerms,
  type SearchRow,
  type SearchTerms,
} from './search.repository.js';
import { fullTextSearchRepository as fullText } from './search-full-text.repository.js';

type KindQuery = (db: Kysely<Database>, terms: SearchTerms, limit: number) => Promise<SearchRow[]>;

/**
 * Each kind with the permission that reads it and its query. A role without the permission never
 * has the kind's query run, so a search cannot tell it anything of records it may not read.
 */
const KINDS: Record<SearchKind, { permission: Permission; query: KindQuery }> = {
  asset: { permission: 'register:read', query: searchRepository.assets },
  supplier: { permission: 'register:read', query: fullText.suppliers },
  process: { permission: 'register:read', query: fullText.processes },
  control: { permission: 'catalog:read', query: searchRepository.controls },
  requirement: { permission: 'catalog:read', query: fullText.requirements },
  'work-order': { permission: 'work:read', query: searchRepository.workOrders },
  // Nonconformances are read with the work (their list and detail routes ask for work:read).
  nonconformance: { permission: 'work:read', query: fullText.nonconformances },
  incident: { permission: 'incidents:read', query: fullText.incidents },
  document: { permission: 'documents:read', query: searchRepository.documents },
  person: { permission: 'people:read', query: searchRepository.people },
  user: { permission: 'users:manage', query: searchRepository.users },
};

/** The kinds a role may search: those whose records it may read. */
export function searchableKinds(role: Role): SearchKind[] {
  return SEARCH_KINDS.filter((kind) => can(role, KINDS[kind].permission));
}

/**
 * The records matching `q` that the role may read, best first (exact, prefix, word start,
 * contains; then kind, then title or number), at most `limit`, and whether more match. Each kind reads its
 * `limit + 1` best rows, so `more` is true exactly when more than `limit` records match in all.
 */
export async function searchRecords(
  ctx: Pick<AppContext, 'db'>,
  role: Role,
  query: SearchQuery,
): Promise<SearchAnswer> {
  const terms = searchTerms(query.q);
  const kinds = searchableKinds(role);
  const perKind = await Promise.all(
    kinds.map(async (kind) => {
      const rows = await KINDS[kind].query(ctx.db, terms, query.limit + 1);
      return rows.map((row, order) => ({ kind, order, row }));
    }),
  );
  const ranked = perKind
    .flat()
    .sort(
      (a, b) =>
        a.row.rank - b.row.rank ||
        SEARCH_KINDS.indexOf(a.kind) - SEARCH_KINDS.indexOf(b.kind) ||
        a.order - b.order,
    );
  const items: SearchResult[] = ranked.slice(0, query.limit).map(({ kind, row }) => ({
    kind,
    id: row.id,
    key: row.key,
    title: row.title,
    detail: row.detail,
    match: SEARCH_MATCHES[row.rank] ?? 'contains',
  }));
  return { items, more: ranked.length > query.limit, limit: query.limit };
}
