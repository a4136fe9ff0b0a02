/**
 * The asset list's filters as its address carries them: read by the page (useSearchState) and,
 * before the page's code has arrived, by the first load that asks for its first rows
 * (web/src/AppRoutes.tsx, preloadPageAt). Part of the shell: keep it small.
 */
import type { PagePrefetch } from '../../api/first-load.js';
import { prefetchPagedAssets } from '../../api/register.js';
import type { AssetFilters } from '../../api/types.js';
import {
  CATEGORY_LABELS,
  CRITICALITY_LABELS,
  ENVIRONMENT_LABELS,
  LIFECYCLE_LABELS,
} from '../../components/labels.js';

/** Every filter the address may carry, empty when not set. */
export const FILTER_DEFAULTS = {
  q: '',
  category: '',
  environment: '',
  criticality: '',
  lifecycleStatus: '',
  supplier: '',
};
type FilterState = typeof FILTER_DEFAULTS;

/** The filters read from the address, so a filtered list can be bookmarked and shared. */
export function filtersFrom(state: FilterState, search: string): AssetFilters {
  const pick = <T extends string>(value: string, labels: Record<T, string>): T | undefined =>
    value in labels ? (value as T) : undefined;
  return {
    q: search.trim() || undefined,
    category: pick(state.category, CATEGORY_LABELS),
    environment: pick(state.environment, ENVIRONMENT_LABELS),
    criticality: pick(state.criticality, CRITICALITY_LABELS),
    lifecycleStatus: pick(state.lifecycleStatus, LIFECYCLE_LABELS),
    supplier: state.supplier || undefined,
  };
}

/** The list's first page at the address, as the page will ask for it (same filters, same key). */
export const prefetchAssetsList: PagePrefetch = (clients, { location }) => {
  const params = new URLSearchParams(location.search);
  const state = { ...FILTER_DEFAULTS };
  for (const name of Object.keys(state) as (keyof FilterState)[]) {
    state[name] = params.get(name) ?? state[name];
  }
  prefetchPagedAssets(clients, filtersFrom(state, state.q));
};
