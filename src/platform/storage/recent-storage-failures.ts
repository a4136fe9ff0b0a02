import path from 'node:path';
import type { Clock } from '../clock.js';
import type { StorageFailure } from './storage-full.js';

/** The parts of an instance whose writes health reports on. */
export type StorageComponent = 'database' | 'evidenceStore';

/** How long after a failed write the component still counts as failing. */
export const RECENT_FAILURE_MS = 60_000;

/**
 * Remembers the last time each component refused a write for lack of space. A `select 1` still
 * answers on a full disk, so health also reports the database as failing while its writes fail;
 * the evidence store has its own write probe, and this adds the failures real uploads met.
 */
export class RecentStorageFailures {
  private readonly lastFailure = new Map<StorageComponent, { at: Date; code: string }>();

  constructor(
    private readonly clock: Clock,
    private readonly evidenceDir: string,
  ) {}

  record(failure: StorageFailure): void {
    const component = this.componentOf(failure);
    if (component) this.lastFailure.set(component, { at: this.clock.now(), code: failure.code });
  }

  /** The failure seen in the last minute, if any. */
  recent(component: StorageComponent): { at: Date; code: string } | undefined {
    const failure = this.lastFailure.get(component);
    if (!failure) return undefined;
    return this.clock.now().getTime() - failure.at.getTime() <= RECENT_FAILURE_MS
      ? failure
      : undefined;
  }

  /**
   * A failed write(2) names no file, and the files requests write are evidence files, so a
   * file-system failure counts against the evidence store unless it names a file elsewhere.
   */
  private componentOf(failure: StorageFailure): StorageComponent | undefined {
    if (failure.source === 'database') return 'database';
    if (failure.path === undefined) return 'evidenceStore';
    const relative = path.relative(this.evidenceDir, path.resolve(failure.path));
    return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : 'evidenceStore';
  }
}
