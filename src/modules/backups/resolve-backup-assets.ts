import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import { AppError, type FieldIssue } from '../../platform/errors.js';
import { backupRunRepository } from './backup-runs.repository.js';
import type { ParsedBackupRun } from './parsers/index.js';
import type { ResolvedBackupRun } from './store-backup-runs.js';

export interface PositionedBackupRun {
  index: number;
  run: ParsedBackupRun;
}

export interface BackupAssetResolverOptions {
  /** The asset for runs that name none (`asset=`, `--asset`). */
  defaultAssetKey?: string | undefined;
  /** Where a run sits, for error messages: `body.runs.3.asset`, `line 12`, `run 4`. */
  locate(positioned: PositionedBackupRun): string;
}

/** Problems reported per request; the first ones are enough to fix the input. */
const MAX_ISSUES = 20;

type Resolution = { assetId: string } | { problem: string };

/**
 * Turns the assets runs name into asset ids, in this order: the run's own asset key; else the
 * default asset of the request; else the one asset whose configuration reference equals what the
 * tool calls the source (an AWS resource ARN, a pgBackRest stanza…). Look-ups are batched and
 * remembered, so a million runs over a thousand assets cost a thousand look-ups at most.
 */
export function createBackupAssetResolver(options: BackupAssetResolverOptions) {
  const byKey = new Map<string, string | null>();
  const byReference = new Map<string, Resolution>();

  async function learn(trx: Transaction<Database>, runs: PositionedBackupRun[]): Promise<void> {
    const keys = new Set<string>();
    const references = new Set<string>();
    for (const { run } of runs) {
      const key = run.assetKey ?? options.defaultAssetKey;
      if (key !== undefined) {
        if (!byKey.has(key)) keys.add(key);
      } else if (run.assetReference !== null && !byReference.has(run.assetReference)) {
        references.add(run.assetReference);
      }
    }
    if (keys.size > 0) {
      const found = await backupRunRepository.assetIdsByKeys(trx, [...keys]);
      for (const key of keys) byKey.set(key, found.get(key) ?? null);
    }
    if (references.size > 0) {
      const matches = await backupRunRepository.assetsByConfigurationReferences(trx, [
        ...references,
      ]);
      for (const reference of references) {
        const assets = matches.filter((asset) => asset.reference === reference);
        byReference.set(reference, referenceResolution(reference, assets));
      }
    }
  }

  function resolveOne({ run }: PositionedBackupRun): Resolution {
    const key = run.assetKey ?? options.defaultAssetKey;
    if (key !== undefined) {
      const assetId = byKey.get(key);
      return assetId ? { assetId } : { problem: `no asset has the key "${key}"` };
    }
    if (run.assetReference !== null) return byReference.get(run.assetReference)!;
    return { problem: 'the output names no asset; pass the asset (asset=KEY, --asset KEY)' };
  }

  return {
    /** The runs with their asset ids, or a validation error naming every run it cannot place. */
    async resolve(
      trx: Transaction<Database>,
      runs: PositionedBackupRun[],
    ): Promise<ResolvedBackupRun[]> {
      await learn(trx, runs);
      const resolved: ResolvedBackupRun[] = [];
      const issues: FieldIssue[] = [];
      for (const positioned of runs) {
        const resolution = resolveOne(positioned);
        if ('assetId' in resolution) {
          resolved.push({
            index: positioned.index,
            assetId: resolution.assetId,
            run: positioned.run,
          });
        } else if (issues.length < MAX_ISSUES) {
          issues.push({ path: options.locate(positioned), message: resolution.problem });
        }
      }
      if (issues.length > 0) {
        throw new AppError(
          'validation_failed',
          `Unknown asset: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
          { issues },
        );
      }
      return resolved;
    },
  };
}

function referenceResolution(reference: string, assets: { id: string; key: string }[]): Resolution {
  const [only, ...others] = assets;
  if (only === undefined) {
    return {
      problem: `no asset has the configuration reference "${reference}"; set it on the asset or pass asset=KEY`,
    };
  }
  if (others.length > 0) {
    return {
      problem: `several assets have the configuration reference "${reference}" (${assets
        .map((asset) => asset.key)
        .sort()
        .join(', ')}); pass asset=KEY`,
    };
  }
  return { assetId: only.id };
}
