/** Incidents and their conformity decision, typed by the API contract. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ItemOf, ResponseOf } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';
import { usePagedList } from './paging.js';

export type IncidentView = ItemOf<'/incidents'>;
export type IncidentDetail = ResponseOf<'/incidents/{id}'>;
export type IncidentSeverity = IncidentView['severity'];
export type ConformityOutcome = BodyOf<'/incidents/{id}/decision', 'post'>['outcome'];

const INCIDENTS = 'incidents';

/** Incidents, those not closed first, then newest opened first. */
export function useIncidents(filter: { open: boolean; severity: IncidentSeverity | null }) {
  const query = {
    ...(filter.open ? { open: 'true' as const } : {}),
    ...(filter.severity ? { severity: filter.severity } : {}),
  };
  return usePagedList([INCIDENTS, 'list', query], '/incidents', { query });
}

export function useIncident(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: [INCIDENTS, 'detail', id],
    queryFn: () => api.get('/incidents/{id}', { path: { id } }),
  });
}

/** After a change to an incident: its lists and details, and the work it may have opened. */
function useRefreshIncidents() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: [INCIDENTS] });
    await queryClient.invalidateQueries({ queryKey: ['work'] });
  };
}

export function useAddTimelineEntry(id: string) {
  const api = useApiClient();
  const onSuccess = useRefreshIncidents();
  return useMutation({
    mutationFn: (input: BodyOf<'/incidents/{id}/timeline', 'post'>) =>
      api.send('POST', '/incidents/{id}/timeline', { path: { id }, body: input }),
    onSuccess,
  });
}

export function useDecideIncident(id: string) {
  const api = useApiClient();
  const onSuccess = useRefreshIncidents();
  return useMutation({
    mutationFn: (input: BodyOf<'/incidents/{id}/decision', 'post'>) =>
      api.send('POST', '/incidents/{id}/decision', { path: { id }, body: input }),
    onSuccess,
  });
}
