import { useQuery } from '@tanstack/react-query';
import type { Walkthrough } from '../../../src/modules/walkthrough/walkthrough.schema.js';
import { apiUrl } from './client.js';
import { useApi } from './ApiProvider.js';

export type {
  Walkthrough,
  WalkthroughDependency,
  WalkthroughGap,
} from '../../../src/modules/walkthrough/walkthrough.schema.js';

export interface WalkthroughPeriod {
  from: string;
  to: string;
}

const walkthroughPath = (processKey: string) =>
  `/processes/${encodeURIComponent(processKey)}/walkthrough`;

/** The walkthrough of a process over a period, once a period is chosen. */
export function useWalkthrough(processKey: string, period: WalkthroughPeriod | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['reports', 'walkthrough', processKey, period],
    queryFn: () => api.get<Walkthrough>(walkthroughPath(processKey), { ...period }),
    enabled: period !== null,
  });
}

/** The printable page, downloaded as a file. */
export function walkthroughHtmlUrl(processKey: string, period: WalkthroughPeriod): string {
  return apiUrl(walkthroughPath(processKey), { ...period, format: 'html' });
}
