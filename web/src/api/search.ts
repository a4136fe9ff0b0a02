import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  SearchAnswer,
  SearchKind,
  SearchResult,
} from '../../../src/modules/search/search.schema.js';
import { useApiClient } from './ApiProvider.js';

export type { SearchAnswer, SearchKind, SearchResult };

/** The global search (GET /search): empty words ask nothing. */
export function useSearch(q: string) {
  const api = useApiClient();
  const words = q.trim();
  return useQuery({
    queryKey: ['search', words],
    queryFn: () => api.get('/search', { query: { q: words } }),
    enabled: words.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

/** Where a result's page is in the web UI. */
export function pathOfResult(result: SearchResult): string {
  const key = encodeURIComponent(result.key ?? '');
  switch (result.kind) {
    case 'asset':
      return `/assets/${key}`;
    case 'supplier':
      return `/suppliers/${key}`;
    case 'process':
      return `/processes/${key}`;
    case 'control':
      return `/controls/${key}`;
    case 'requirement':
      // A requirement is shown on its framework's page; the result's key is the framework's.
      return `/frameworks/${key}`;
    case 'work-order':
      return `/work-orders/${result.id}`;
    case 'nonconformance':
      return `/nonconformances/${result.id}`;
    case 'incident':
      return `/incidents/${result.id}`;
    case 'document':
      return `/documents/${key}`;
    case 'person':
      return '/people';
    case 'user':
      return '/admin/users';
  }
}

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  asset: 'Asset',
  supplier: 'Supplier',
  process: 'Process',
  control: 'Control',
  requirement: 'Requirement',
  'work-order': 'Work order',
  nonconformance: 'Nonconformance',
  incident: 'Incident',
  document: 'Document',
  person: 'Person',
  user: 'User',
};
