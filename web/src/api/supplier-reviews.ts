/** Supplier oversight: reviews, certificates and timelines, with types from the server's schemas. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CheckCuecBody,
  CreateReviewBody,
  Decision,
  ReviewDetail,
  ReviewStatus,
  ReviewView,
  SupplierEventView,
  supplierCertificatesSchema,
} from '../../../src/modules/supplier-reviews/supplier-review.schema.js';
import { useApi } from './ApiProvider.js';
import { usePagedListUntyped } from './paging.js';
import type { SignatureCredentials } from './work-types.js';

export type { Decision, ReviewDetail, ReviewStatus, ReviewView, SupplierEventView };
export type SupplierCertificate = z.infer<typeof supplierCertificatesSchema>['items'][number];

const SUPPLIER_REVIEWS = 'supplier-reviews';

/** Supplier reviews, newest first (optionally one supplier's). */
export function useSupplierReviews(filter: { supplier?: string; status?: ReviewStatus | null }) {
  const query = {
    ...(filter.supplier ? { supplier: filter.supplier } : {}),
    ...(filter.status ? { status: filter.status } : {}),
  };
  return usePagedListUntyped<ReviewView>(
    [SUPPLIER_REVIEWS, 'list', query],
    '/supplier-reviews',
    query,
  );
}

export function useSupplierReview(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [SUPPLIER_REVIEWS, 'detail', id],
    queryFn: () => api.get<ReviewDetail>(`/supplier-reviews/${encodeURIComponent(id)}`),
  });
}

export function useSupplierCertificates(key: string) {
  const api = useApi();
  return useQuery({
    queryKey: [SUPPLIER_REVIEWS, 'certificates', key],
    queryFn: () =>
      api.get<{ items: SupplierCertificate[] }>(
        `/suppliers/${encodeURIComponent(key)}/certificates`,
      ),
    select: (data) => data.items,
  });
}

export function useSupplierTimeline(key: string) {
  return usePagedListUntyped<SupplierEventView>(
    [SUPPLIER_REVIEWS, 'timeline', key],
    `/suppliers/${encodeURIComponent(key)}/timeline`,
  );
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: [SUPPLIER_REVIEWS] });
    await queryClient.invalidateQueries({ queryKey: ['register'] });
  };
}

export function useCreateSupplierReview(supplierKey: string) {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: Partial<CreateReviewBody>) =>
      api.send<ReviewDetail>(
        'POST',
        `/suppliers/${encodeURIComponent(supplierKey)}/reviews`,
        input,
      ),
    onSuccess: invalidate,
  });
}

export function useCheckCuec(reviewId: string) {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ position, ...body }: CheckCuecBody & { position: number }) =>
      api.send<ReviewDetail>(
        'PATCH',
        `/supplier-reviews/${encodeURIComponent(reviewId)}/cuecs/${position}`,
        body,
      ),
    onSuccess: invalidate,
  });
}

export function useAddCuec(reviewId: string) {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (text: string) =>
      api.send<ReviewDetail>('POST', `/supplier-reviews/${encodeURIComponent(reviewId)}/cuecs`, {
        text,
      }),
    onSuccess: invalidate,
  });
}

export function useSignSupplierReview(reviewId: string) {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (
      input: SignatureCredentials & {
        decision: Decision;
        conditions: string;
        nextReviewDue: string;
        note?: string;
      },
    ) =>
      api.send<ReviewDetail>(
        'POST',
        `/supplier-reviews/${encodeURIComponent(reviewId)}/sign`,
        input,
      ),
    onSuccess: invalidate,
  });
}

export function useAttachReviewEvidence(reviewId: string) {
  const api = useApi();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api.upload<unknown>(
        `/supplier-reviews/${encodeURIComponent(reviewId)}/evidence`,
        form,
      );
    },
    onSuccess: invalidate,
  });
}
