/** Incidents and their conformity decision, with types inferred from the server's schemas. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ConformityOutcome,
  IncidentDetail,
  IncidentView,
} from '../../../src/modules/incidents/incident.schema.js';
import type { IncidentSeverity } from '../../../src/modules/incidents/incident-status.js';
import { useApi } from './ApiProvider.js';
import { usePagedList } from './paging.js';

export type { ConformityOutcome, IncidentDetail, IncidentSeverity, IncidentView };

const INCIDENTS = 'incidents';

/** Incidents, those not closed first, then newest opened first. */
export function useIncidents(filter: { open: boolean; severity: IncidentSeverity | null }) {
  const query = {
    ...(filter.open ? { open: 'true' } : {}),
    ...(filter.severity ? { severity: filter.severity } : {}),
  };
  return usePagedList<IncidentView>([INCIDENTS, 'list', query], '/incidents', query);
}

export function useIncident(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [INCIDENTS, 'detail', id],
    queryFn: () => api.get<IncidentDetail>(`/incidents/${encodeURIComponent(id)}`),
  });
}

function useIncidentMutation<Input>(id: string, path: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) =>
      api.send<IncidentDetail>('POST', `/incidents/${encodeURIComponent(id)}/${path}`, input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [INCIDENTS] });
      await queryClient.invalidateQueries({ queryKey: ['work'] });
    },
  });
}

export const useAddTimelineEntry = (id: string) =>
  useIncidentMutation<{ text: string }>(id, 'timeline');

export const useDecideIncident = (id: string) =>
  useIncidentMutation<{ outcome: ConformityOutcome; rationale: string; password: string }>(
    id,
    'decision',
  );
