import { describe, expect, it } from 'vitest';
import type { BackupPolicyView } from './backup-policy.schema.js';
import { DEFAULT_BACKUP_POLICIES, effectivePolicyFor } from './effective-policy.js';

let sequence = 0;
function policy(
  scope: BackupPolicyView['scope'],
  overrides: Partial<BackupPolicyView> = {},
): BackupPolicyView {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    name: `policy ${sequence}`,
    scope,
    ...DEFAULT_BACKUP_POLICIES['production-data'],
    requiredRegions: [],
    alertRecipients: [],
    version: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    archivedAt: null,
    ...overrides,
  };
}

const database = {
  key: 'db-prod-eu',
  category: 'database',
  environment: 'production',
  tags: ['pii', 'tier-1'],
};

describe('effectivePolicyFor', () => {
  const forAsset = policy({ kind: 'asset', asset: 'db-prod-eu' }, { rpo: 'PT15M' });
  const forPii = policy({ kind: 'tag', tag: 'pii' }, { rpo: 'PT12H' });
  const forTier1 = policy({ kind: 'tag', tag: 'tier-1' }, { rpo: 'PT4H' });
  const forDatabases = policy({ kind: 'category', category: 'database' }, { rpo: 'PT2H' });

  it('prefers the asset’s own policy to tag and category policies', () => {
    expect(effectivePolicyFor(database, [forDatabases, forPii, forAsset])).toMatchObject({
      source: 'asset',
      policyId: forAsset.id,
      matched: null,
      settings: { rpo: 'PT15M' },
    });
  });

  it('takes a tag policy over the category policy, the strictest RPO among several tags', () => {
    expect(effectivePolicyFor(database, [forDatabases, forPii, forTier1])).toMatchObject({
      source: 'tag',
      policyId: forTier1.id,
      matched: 'tier-1',
    });
  });

  it('falls back to the category policy, then to the SOP defaults', () => {
    expect(effectivePolicyFor(database, [forDatabases])).toMatchObject({
      source: 'category',
      matched: 'database',
      settings: { rpo: 'PT2H' },
    });
    expect(effectivePolicyFor(database, [])).toEqual({
      assetKey: 'db-prod-eu',
      source: 'default',
      policyId: null,
      policyName: null,
      matched: 'production-data',
      settings: {
        incrementalEvery: 'P1D',
        fullEvery: 'P7D',
        grace: 'PT2H',
        retention: 'P30D',
        rpo: 'PT24H',
        rto: 'PT4H',
        encryptionRequired: true,
        offsiteRequired: true,
        requiredRegions: [],
        alertRecipients: [],
      },
    });
  });

  it('gives configuration a 1-hour RPO and 2-hour RTO, even outside production', () => {
    const repo = {
      key: 'iac-repo',
      category: 'application',
      environment: 'corporate',
      tags: ['configuration'],
    };
    expect(effectivePolicyFor(repo, [])).toMatchObject({
      source: 'default',
      matched: 'configuration',
      settings: { rpo: 'PT1H', rto: 'PT2H', incrementalEvery: 'PT1H' },
    });
  });

  it('requires no backup of a non-production asset nothing covers', () => {
    const laptop = { key: 'laptop-7', category: 'endpoint', environment: 'corporate', tags: [] };
    expect(effectivePolicyFor(laptop, [forDatabases])).toMatchObject({
      source: 'none',
      settings: null,
    });
  });

  it('ignores archived policies', () => {
    const archived = policy(
      { kind: 'asset', asset: 'db-prod-eu' },
      { archivedAt: '2026-11-02T00:00:00.000Z' },
    );
    expect(effectivePolicyFor(database, [archived, forDatabases]).source).toBe('category');
  });
});
