import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider.js';
import { apiUrl } from '../../api/client.js';
import { TABLE_PAGE_SIZE, usePagedListUntyped } from '../../api/paging.js';

/** The pack job as `GET /api/v1/reports/packs/{id}` returns it (src/modules/packs/pack.schema.ts). */
export interface PackJob {
  id: string;
  framework: string;
  from: string;
  to: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  filesDone: number;
  filesTotal: number;
  sizeBytes: number | null;
  manifestSha256: string | null;
  signingKeyFingerprint: string | null;
  error: string | null;
  requestedBy: string;
  requestedAt: string;
  finishedAt: string | null;
  downloadUrl: string | null;
}

export interface PackPeriod {
  framework: string;
  from: string;
  to: string;
}

export interface PackPublicKey {
  algorithm: 'Ed25519';
  publicKeyPem: string | null;
  fingerprint: string | null;
  createdAt: string | null;
}

export type RequirementCoverage = 'covered' | 'partial' | 'gap';

export interface FrameworkCoverage {
  framework: { key: string; title: string };
  from: string;
  to: string;
  asOf: string;
  counts: Record<RequirementCoverage, number>;
  requirements: {
    key: string;
    reference: string;
    title: string;
    coverage: RequirementCoverage;
    controls: {
      key: string;
      title: string;
      critical: boolean;
      occurrences: number;
      notApplicable: number;
      withExceptions: number;
      missed: number;
      coverage: 'covered' | 'exceptions' | 'not_applicable' | 'no_evidence';
    }[];
  }[];
}

const PACKS = ['reports', 'packs'];
const running = (job: PackJob | undefined) => job?.state === 'queued' || job?.state === 'running';

/** Evidence packs, newest first, a page at a time; polled while one of them is being built. */
export function usePackJobs() {
  return usePagedListUntyped<PackJob>(PACKS, '/reports/packs', {}, TABLE_PAGE_SIZE, running);
}

/** One job, polled every half second while it is queued or running. */
export function usePackJob(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: [...PACKS, id],
    queryFn: () => api.get<PackJob>(`/reports/packs/${id}`),
    enabled: id !== null,
    refetchInterval: (query) => (running(query.state.data) || !query.state.data ? 500 : false),
  });
}

export function useRequestPack() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (period: PackPeriod) => api.send<PackJob>('POST', '/reports/packs', period),
    onSuccess: () => client.invalidateQueries({ queryKey: PACKS }),
  });
}

export function usePackPublicKey(refreshKey: unknown) {
  const api = useApi();
  return useQuery({
    queryKey: ['packs', 'public-key', refreshKey],
    queryFn: () => api.get<PackPublicKey>('/packs/public-key'),
  });
}

export function useFrameworkCoverage(period: PackPeriod | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['reports', 'framework-coverage', period],
    queryFn: () => api.get<FrameworkCoverage>('/reports/framework-coverage', { ...period }),
    enabled: period !== null,
  });
}

export const packDownloadUrl = (job: PackJob) =>
  apiUrl('/reports/packs/{id}/download', { path: { id: job.id } });
