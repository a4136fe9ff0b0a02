/** Evidence packs and framework coverage as the web app reads them, typed by the API contract. */
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiUrl, type BodyOf, type ResponseOf } from '../../../../src/shared/api/api-client.js';
import { useApiClient } from '../../api/ApiProvider.js';
import { TABLE_PAGE_SIZE, usePagedList } from '../../api/paging.js';

export type PackJob = ResponseOf<'/reports/packs/{id}'>;
export type PackPeriod = BodyOf<'/reports/packs', 'post'>;
export type FrameworkCoverage = ResponseOf<'/reports/framework-coverage'>;
export type RequirementCoverage = FrameworkCoverage['requirements'][number]['coverage'];

const PACKS = ['reports', 'packs'];
const running = (job: PackJob | undefined) => job?.state === 'queued' || job?.state === 'running';

/** Evidence packs, newest first, a page at a time; polled while one of them is being built. */
export function usePackJobs() {
  return usePagedList(PACKS, '/reports/packs', {}, TABLE_PAGE_SIZE, running);
}

/** One job, polled every half second while it is queued or running. */
export function usePackJob(id: string | null) {
  const api = useApiClient();
  return useQuery({
    queryKey: [...PACKS, id],
    queryFn: id === null ? skipToken : () => api.get('/reports/packs/{id}', { path: { id } }),
    refetchInterval: (query) => (running(query.state.data) || !query.state.data ? 500 : false),
  });
}

export function useRequestPack() {
  const api = useApiClient();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (period: PackPeriod) => api.send('POST', '/reports/packs', { body: period }),
    onSuccess: () => client.invalidateQueries({ queryKey: PACKS }),
  });
}

export function usePackPublicKey(refreshKey: unknown) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['packs', 'public-key', refreshKey],
    queryFn: () => api.get('/packs/public-key'),
  });
}

export function useFrameworkCoverage(period: PackPeriod | null) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['reports', 'framework-coverage', period],
    queryFn:
      period === null ? skipToken : () => api.get('/reports/framework-coverage', { query: period }),
  });
}

export const packDownloadUrl = (job: PackJob) =>
  apiUrl('/reports/packs/{id}/download', { path: { id: job.id } });
