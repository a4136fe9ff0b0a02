import { createHash } from 'node:crypto';

/**
 * A deterministic id for a run the tool gave no id of its own: the same text always hashes to the
 * same id, so importing the same output twice stores the run once.
 */
export function derivedExternalId(prefix: string, texts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(text).update('\n');
  return `${prefix}-${hash.digest('hex').slice(0, 32)}`;
}
