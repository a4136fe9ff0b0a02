import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider.js';
import type {
  ListResponse,
  RespondToReviewInput,
  ReviewCampaignDetail,
  ReviewCampaignView,
  ReviewItemView,
  StartReviewInput,
} from './types.js';

/** Reviews share the register key: answering an item changes the asset record too. */
const REVIEWS = ['register', 'reviews'] as const;

export function useReviewCampaigns() {
  const api = useApi();
  return useQuery({
    queryKey: [...REVIEWS, 'list'],
    queryFn: () => api.get<ListResponse<ReviewCampaignView>>('/reviews'),
    select: (data) => data.items,
  });
}

export function useReviewCampaign(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...REVIEWS, 'campaign', id],
    queryFn: () => api.get<ReviewCampaignDetail>(`/reviews/${id}`),
  });
}

export function useStartReviewCampaign() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StartReviewInput) =>
      api.send<ReviewCampaignView>('POST', '/reviews', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: REVIEWS }),
  });
}

export function useRespondToReviewItem(campaignId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, response }: { itemId: string; response: RespondToReviewInput }) =>
      api.send<ReviewItemView>('POST', `/reviews/${campaignId}/items/${itemId}`, response),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['register'] }),
  });
}

export function useCloseReviewCampaign(campaignId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.send<ReviewCampaignView>('POST', `/reviews/${campaignId}/close`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: REVIEWS }),
  });
}
