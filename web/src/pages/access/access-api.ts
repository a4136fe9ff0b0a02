/**
 * Access management as the web app reads it: the people register, a system's accounts and the
 * access reviews, paged, with types inferred from the server's zod schemas (imported as types only).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApiClient } from '../../api/ApiProvider.js';
import { TABLE_PAGE_SIZE, usePagedList } from '../../api/paging.js';
import type { SignatureCredentials } from '../../api/work-types.js';
import type {
  AccessReviewCampaignView,
  AccessReviewDecision,
  AccessReviewDetail,
  AccessReviewItemView,
} from '../../../../src/modules/access-reviews/access-review.schema.js';
import type { AccountView } from '../../../../src/modules/accounts/account.schema.js';
import type { PersonStatus, PersonView } from '../../../../src/modules/people/person.schema.js';

export type { AccountView, PersonStatus, PersonView };

const ACCESS = 'access';

/** The people register, a page at a time; `status` undefined means everyone. */
export function usePeople(status?: PersonStatus) {
  return usePagedList([ACCESS, 'people', status ?? 'all'], '/people', { query: { status } });
}

/** One system's accounts (present ones), a page at a time, with their flags. */
export function useAccounts(asset: string) {
  return usePagedList(
    [ACCESS, 'accounts', asset],
    '/accounts',
    { query: { asset } },
    TABLE_PAGE_SIZE,
  );
}

export type {
  AccessReviewCampaignView,
  AccessReviewDecision,
  AccessReviewDetail,
  AccessReviewItemView,
};

/** Access review campaigns, newest first, a page at a time. */
export function useAccessReviews() {
  return usePagedList([ACCESS, 'reviews', 'list'], '/access-reviews', {});
}

/** One campaign with what the signed-in person may do with it. */
export function useAccessReview(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [ACCESS, 'reviews', id],
    queryFn: () => api.get('/access-reviews/{id}', { path: { id } }),
  });
}

/** A campaign's accounts and their decisions, a page at a time. */
export function useAccessReviewItems(id: string) {
  return usePagedList(
    [ACCESS, 'reviews', id, 'items'],
    '/access-reviews/{id}/items',
    { path: { id } },
    TABLE_PAGE_SIZE,
  );
}

export function useStartAccessReview() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { asset: string; quarter?: string; delegates: string[] }) =>
      api.send('POST', '/access-reviews', { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ACCESS, 'reviews'] }),
  });
}

export function useDecideAccessReview(id: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      decision: AccessReviewDecision;
      comment: string;
      usernames?: string[];
      allPending?: true;
    }) => api.send('POST', '/access-reviews/{id}/decisions', { path: { id }, body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ACCESS, 'reviews'] }),
  });
}

export function useSignAccessReview(id: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignatureCredentials & { note?: string }) =>
      api.send('POST', '/access-reviews/{id}/sign', { path: { id }, body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ACCESS, 'reviews'] }),
  });
}
