/**
 * Access management as the web app reads it: the people register, a system's accounts and the
 * access reviews, paged, with types inferred from the server's zod schemas (imported as types only).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider.js';
import { TABLE_PAGE_SIZE, usePagedListUntyped } from '../../api/paging.js';
import type { SignatureCredentials } from '../../api/work-types.js';
import type {
  AccessReviewCampaignView,
  AccessReviewDecision,
  AccessReviewDetail,
  AccessReviewItemView,
  DecideAccessReviewResult,
} from '../../../../src/modules/access-reviews/access-review.schema.js';
import type { AccountView } from '../../../../src/modules/accounts/account.schema.js';
import type { PersonStatus, PersonView } from '../../../../src/modules/people/person.schema.js';

export type { AccountView, PersonStatus, PersonView };

const ACCESS = 'access';

/** The people register, a page at a time; `status` undefined means everyone. */
export function usePeople(status?: PersonStatus) {
  return usePagedListUntyped<PersonView>([ACCESS, 'people', status ?? 'all'], '/people', {
    status,
  });
}

/** One system's accounts (present ones), a page at a time, with their flags. */
export function useAccounts(asset: string) {
  return usePagedListUntyped<AccountView>(
    [ACCESS, 'accounts', asset],
    '/accounts',
    { asset },
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
  return usePagedListUntyped<AccessReviewCampaignView>(
    [ACCESS, 'reviews', 'list'],
    '/access-reviews',
  );
}

/** One campaign with what the signed-in person may do with it. */
export function useAccessReview(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [ACCESS, 'reviews', id],
    queryFn: () => api.get<AccessReviewDetail>(`/access-reviews/${encodeURIComponent(id)}`),
  });
}

/** A campaign's accounts and their decisions, a page at a time. */
export function useAccessReviewItems(id: string) {
  return usePagedListUntyped<AccessReviewItemView>(
    [ACCESS, 'reviews', id, 'items'],
    `/access-reviews/${encodeURIComponent(id)}/items`,
    {},
    TABLE_PAGE_SIZE,
  );
}

export function useStartAccessReview() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { asset: string; quarter?: string; delegates: string[] }) =>
      api.send<AccessReviewCampaignView>('POST', '/access-reviews', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ACCESS, 'reviews'] }),
  });
}

export function useDecideAccessReview(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      decision: AccessReviewDecision;
      comment: string;
      usernames?: string[];
      allPending?: true;
    }) =>
      api.send<DecideAccessReviewResult>(
        'POST',
        `/access-reviews/${encodeURIComponent(id)}/decisions`,
        input,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ACCESS, 'reviews'] }),
  });
}

export function useSignAccessReview(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignatureCredentials & { note?: string }) =>
      api.send<AccessReviewCampaignView>(
        'POST',
        `/access-reviews/${encodeURIComponent(id)}/sign`,
        input,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [ACCESS, 'reviews'] }),
  });
}
