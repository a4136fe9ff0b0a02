import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiClient } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';
import type { RespondToReviewInput, StartReviewInput } from './types.js';

/** Reviews share the register key: answering an item changes the asset record too. */
const REVIEWS = ['register', 'reviews'] as const;

export function reviewCampaignsOptions(api: Pick<ApiClient, 'get'>) {
  return queryOptions({
    queryKey: [...REVIEWS, 'list'],
    queryFn: () => api.get('/reviews'),
  });
}

export function useReviewCampaigns() {
  return useQuery({
    ...reviewCampaignsOptions(useApiClient()),
    select: (data) => data.items,
  });
}

export function useReviewCampaign(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [...REVIEWS, 'campaign', id],
    queryFn: () => api.get('/reviews/{id}', { path: { id } }),
  });
}

export function useStartReviewCampaign() {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StartReviewInput) => api.send('POST', '/reviews', { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: REVIEWS }),
  });
}

export function useRespondToReviewItem(campaignId: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, response }: { itemId: string; response: RespondToReviewInput }) =>
      api.send('POST', '/reviews/{id}/items/{itemId}', {
        path: { id: campaignId, itemId },
        body: response,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['register'] }),
  });
}

export function useCloseReviewCampaign(campaignId: string) {
  const api = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.send('POST', '/reviews/{id}/close', { path: { id: campaignId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: REVIEWS }),
  });
}
