import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_CATALOG_DIR } from './apply-built-in-catalog.js';
import { normalizeCatalog } from './catalog-content.js';
import { catalogToFiles, writeCatalogFiles } from './catalog-files.js';
import type { Catalog } from './catalog.schema.js';
import { loadCatalogDir } from './load-catalog-dir.js';

describe('the built-in catalogue', () => {
  let catalog: Catalog;
  const requirementKeys = () =>
    catalog.frameworks.flatMap((framework) => framework.requirements.map((r) => r.key));

  beforeAll(async () => {
    ({ catalog } = await loadCatalogDir(BUILT_IN_CATALOG_DIR));
  });

  it('loads and validates', () => {
    expect(catalog.frameworks.map((framework) => framework.key).sort()).toEqual([
      'eng-pol-003',
      'iec81001-5-1',
      'iso13485',
      'iso9001',
      'soc2',
      'sop-018',
    ]);
    expect(catalog.controls.length).toBeGreaterThanOrEqual(50);
  });

  it('maps every requirement to at least one control', () => {
    const mapped = new Set(catalog.controls.flatMap((control) => control.requirements));
    expect(requirementKeys().filter((key) => !mapped.has(key))).toEqual([]);
  });

  it('maps controls only to requirements it defines', () => {
    const known = new Set(requirementKeys());
    const unknown = catalog.controls.flatMap((control) =>
      control.requirements.filter((key) => !known.has(key)).map((key) => `${control.key} → ${key}`),
    );
    expect(unknown).toEqual([]);
  });

  it('uses every key once', () => {
    const duplicates = (keys: string[]) => keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(duplicates(catalog.frameworks.map((f) => f.key))).toEqual([]);
    expect(duplicates(requirementKeys())).toEqual([]);
    expect(duplicates(catalog.controls.map((c) => c.key))).toEqual([]);
  });

  it('covers the clauses and sections the source documents name', () => {
    expect(requirementKeys()).toEqual(
      expect.arrayContaining([
        'iso9001:7.1.3',
        'iso13485:6.3',
        'iso13485:6.4.1',
        'soc2:A1.2',
        'soc2:CC6.1',
        'soc2:CC6.6',
        'soc2:CC6.7',
        'soc2:CC7.1',
        'soc2:CC8.1',
        ...[1, 2, 3, 4, 5, 6, 7].map((item) => `soc2:A1.2-action-${item}`),
        ...['3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7'].flatMap((section) =>
          [1, 2, 3, 4, 5].map((bullet) => `eng-pol-003:${section}.${bullet}`),
        ),
        'sop-018:5.3-os-patching',
        'sop-018:5.5-production-data-backup',
        'sop-018:5.5-configuration-backup',
        'sop-018:5.5.2',
        'sop-018:5.7.1',
        'sop-018:6-decommissioning',
      ]),
    );
  });

  it('turns each maintenance, review, backup and DR activity into a control', () => {
    const keys = catalog.controls.map((control) => control.key);
    expect(keys).toEqual(
      expect.arrayContaining([
        'os-patching-monthly',
        'critical-patch-72h',
        'inventory-review-quarterly',
        'access-review-quarterly',
        'access-revocation-24h',
        'backup-daily-production',
        'restore-test-monthly',
        'dr-exercise-annual',
        'tls-renewal-before-expiry',
        'capacity-review-quarterly',
        'dependency-scan-monthly',
        'dependency-update-quarterly',
        'vulnerability-scan-quarterly',
        'firewall-rule-review-quarterly',
        'backup-integrity-quarterly',
        'change-approval-before-implementation',
        'provisioning-verification',
        'decommissioning-retention-review',
        'supplier-certification-review',
      ]),
    );
    const control = (key: string) => catalog.controls.find((c) => c.key === key)!;
    expect(control('critical-patch-72h').sla).toEqual({
      trigger: 'critical-patch-released',
      within: 'PT72H',
    });
    expect(control('access-revocation-24h').sla).toEqual({
      trigger: 'employee-departed',
      within: 'PT24H',
    });
    // Due at the expiry (the SOP: renewed before expiration); it opens 30 days ahead.
    expect(control('tls-renewal-before-expiry').sla?.within).toEqual({ before: 'expiry' });
    expect(control('os-patching-monthly').cadence?.frequency).toBe('monthly');
    expect(control('restore-test-monthly').evaluation).toMatchObject({
      mode: 'automatic',
      source: 'restore-tests',
    });
  });

  it('survives an export to files and back unchanged, byte for byte on a second export', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-builtin-'));
    try {
      const files = catalogToFiles(catalog);
      await writeCatalogFiles(directory, files);
      const reloaded = await loadCatalogDir(directory);
      expect(normalizeCatalog(reloaded.catalog)).toEqual(normalizeCatalog(catalog));
      expect(catalogToFiles(reloaded.catalog)).toEqual(files);
    } finally {
      fs.rmSync(directory, { recursive: true });
    }
  });
});
