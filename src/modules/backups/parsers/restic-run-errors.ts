import { stableIdHash } from './stable-id.js';

/** Error texts kept for a run's message; the rest are counted, so memory stays bounded. */
const KEPT_MESSAGES = 20;

/**
 * The error lines of the restic run being read. A backup of a tree with many unreadable files can
 * print millions of them: the first few make the message, all of them make the failure's id.
 */
export class ResticRunErrors {
  private readonly kept: string[] = [];
  private count = 0;
  private readonly hash = stableIdHash();

  add(message: string, line: string): void {
    if (this.kept.length < KEPT_MESSAGES) this.kept.push(message);
    this.count += 1;
    this.hash.add(line.trim());
  }

  /** A line that identifies the failure without being one of its errors (restic's exit_error). */
  addToId(line: string): void {
    this.hash.add(line.trim());
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }

  /** The kept messages, a count of the others, then the final word (exit_error), if any. */
  message(final: string | null = null): string | null {
    const omitted = this.count - this.kept.length;
    const lines = [
      ...this.kept,
      ...(omitted > 0 ? [`… and ${omitted} more errors`] : []),
      ...(final === null ? [] : [final]),
    ];
    return lines.length > 0 ? lines.join('\n') : null;
  }

  /**
   * The failed run's id: its error lines, plus what tells apart two failures whose output is
   * byte-identical (restic prints no time or host with its errors): the asset and the UTC day the
   * output was received (docs/backups-formats.md).
   */
  failureId(scope: { assetKey: string | null; receivedAt: Date }): string {
    return this.hash.id('restic-failed', [
      `asset:${scope.assetKey ?? ''}`,
      `day:${scope.receivedAt.toISOString().slice(0, 10)}`,
    ]);
  }
}
