import type { EffectivenessReportRow } from '../posture/posture.schema.js';
import type { PackManifest } from './pack-manifest.schema.js';
import type { EvidenceFileRecord } from './pack-records.repository.js';
import type { FrameworkCoverage } from './pack.schema.js';

/** What the index (HTML and PDF) of a pack says, with the records it lists read on demand. */
export interface PackIndexContent {
  head: Omit<PackManifest, 'files' | 'format'>;
  coverage: FrameworkCoverage;
  counts: {
    assets: number;
    criticalAssets: number;
    thirdPartyAssets: number;
    assetsWithAcceptanceCriteria: number;
    matrixRows: number;
    suppliers: number;
    evidenceFiles: number;
  };
  registers: { path: string; title: string }[];
  /** One printable walkthrough per process with infrastructure in the matrix. */
  walkthroughs: { path: string; title: string }[];
  occurrencePages(): AsyncGenerator<EffectivenessReportRow[]>;
  evidencePages(): AsyncGenerator<EvidenceFileRecord[]>;
}

/**
 * Where an evidence file sits in the pack: under its record id (unique) with its own name made
 * safe for every file system (no separators, no leading dot, bounded length).
 */
export function evidencePathOf(file: Pick<EvidenceFileRecord, 'id' | 'filename'>): string {
  const safe = file.filename
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120);
  return `evidence/${file.id}/${safe || 'file'}`;
}
