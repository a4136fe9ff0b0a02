import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { alertRepository, type AssetForAlerts } from './alerts.repository.js';

export interface AlertAssetMapping {
  asset: AssetForAlerts | null;
  /** The label whose value named the asset. */
  mappedBy: string | null;
}

/**
 * What a label value may name: itself, and for `host:port` (Prometheus' `instance`) the host.
 * Both are tried as an asset key, then as a tag that exactly one asset carries.
 */
function candidatesOf(value: string): string[] {
  const hostPort = /^(.+):(\d{1,5})$/.exec(value);
  return hostPort ? [value, hostPort[1]!] : [value];
}

/**
 * Maps alerts to assets by their labels, in the order given (default `asset`, `instance`, `job`):
 * the first label whose value (or host, for host:port) is an asset's key, or a tag exactly one
 * asset carries, decides. An alert no label places is unmapped, never dropped. Look-ups are batched
 * per call and remembered across calls.
 */
export function createAlertAssetMapper(labelNames: readonly string[]) {
  const byKey = new Map<string, AssetForAlerts | null>();
  const byTag = new Map<string, AssetForAlerts | null>();

  async function learn(trx: Transaction<Database>, values: Set<string>): Promise<void> {
    const unknown = [...values].filter((value) => !byKey.has(value));
    if (unknown.length === 0) return;
    const keyed = await alertRepository.assetsByKeys(trx, unknown);
    const tagged = await alertRepository.assetsByTags(trx, unknown);
    for (const value of unknown) {
      byKey.set(value, keyed.find((asset) => asset.key === value) ?? null);
      const carrying = tagged.filter((asset) => asset.tags.includes(value));
      byTag.set(value, carrying.length === 1 ? carrying[0]! : null);
    }
  }

  function mapOne(labels: Record<string, string>): AlertAssetMapping {
    for (const label of labelNames) {
      const value = labels[label];
      if (value === undefined || value === '') continue;
      for (const candidate of candidatesOf(value)) {
        const asset = byKey.get(candidate) ?? byTag.get(candidate) ?? null;
        if (asset) return { asset, mappedBy: label };
      }
    }
    return { asset: null, mappedBy: null };
  }

  return {
    async map(
      trx: Transaction<Database>,
      alerts: { labels: Record<string, string> }[],
    ): Promise<AlertAssetMapping[]> {
      const values = new Set<string>();
      for (const alert of alerts) {
        for (const label of labelNames) {
          const value = alert.labels[label];
          if (value !== undefined && value !== '')
            for (const c of candidatesOf(value)) values.add(c);
        }
      }
      await learn(trx, values);
      return alerts.map((alert) => mapOne(alert.labels));
    },
  };
}
