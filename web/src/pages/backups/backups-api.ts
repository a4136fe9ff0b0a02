/**
 * The backups overview as the web app reads it: hooks over the backup status API, with types
 * inferred from the server's zod schemas, imported as types only.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../../../src/shared/api/api-client.js';
import { useApiClient } from '../../api/ApiProvider.js';
import type {
  AlertDelivery,
  BackupAssetDetailView,
  BackupAssetStatus,
  BackupAssetStatusView,
  BackupIncidentView,
  BackupStatusView,
} from '../../../../src/modules/backups/backup-status.schema.js';

export type {
  AlertDelivery,
  BackupAssetDetailView,
  BackupAssetStatus,
  BackupAssetStatusView,
  BackupIncidentView,
  BackupStatusView,
};

const BACKUPS = 'backups';

/** Every asset under a backup policy, worst first; `at` undefined means now. */
export function backupStatusOptions(api: Pick<ApiClient, 'get'>, at?: string) {
  return queryOptions({
    queryKey: [BACKUPS, 'status', at ?? 'now'],
    queryFn: () => api.get('/backups/status', { query: { at } }),
  });
}

export function useBackupStatus(at?: string) {
  return useQuery(backupStatusOptions(useApiClient(), at));
}

/** One asset's runs, achieved RPO and incidents over [from, to] (default: the last 30 days). */
export function useBackupAsset(key: string, period: { from?: string; to?: string } = {}) {
  const api = useApiClient();
  return useQuery({
    queryKey: [BACKUPS, 'asset', key, period.from ?? '', period.to ?? ''],
    queryFn: () =>
      api.get('/backups/assets/{key}', {
        path: { key },
        query: { from: period.from, to: period.to },
      }),
  });
}
