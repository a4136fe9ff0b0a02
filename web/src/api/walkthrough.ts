import { useQuery } from '@tanstack/react-query';
import { apiUrl, jsonAnswer } from '../../../src/shared/api/api-client.js';
import { useApiClient } from './ApiProvider.js';

export type {
  Walkthrough,
  WalkthroughDependency,
  WalkthroughGap,
} from '../../../src/modules/walkthrough/walkthrough.schema.js';

export interface WalkthroughPeriod {
  from: string;
  to: string;
}

/** The walkthrough of a process over a period, once a period is chosen. */
export function useWalkthrough(processKey: string, period: WalkthroughPeriod | null) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['reports', 'walkthrough', processKey, period],
    queryFn: () =>
      api
        .get('/processes/{key}/walkthrough', {
          path: { key: processKey },
          query: { from: period?.from ?? '', to: period?.to ?? '' },
        })
        .then(jsonAnswer),
    enabled: period !== null,
  });
}

/** The printable page, downloaded as a file. */
export function walkthroughHtmlUrl(processKey: string, period: WalkthroughPeriod): string {
  return apiUrl('/processes/{key}/walkthrough', {
    path: { key: processKey },
    query: { ...period, format: 'html' },
  });
}
