import { createHash } from 'node:crypto';

/**
 * Hashes texts one by one into a deterministic id, for a run the tool gave no id of its own: the
 * same texts always give the same id, so importing the same output twice stores the run once.
 * Texts are fed as they are read, so a long failure log is never held in memory to be hashed.
 */
export function stableIdHash() {
  const hash = createHash('sha256');
  return {
    add(text: string): void {
      hash.update(text).update('\n');
    },
    /** The id of the texts so far, with `scope` (texts that are not part of the output) mixed in. */
    id(prefix: string, scope: readonly string[] = []): string {
      const copy = hash.copy();
      for (const text of scope) copy.update(text).update('\n');
      return `${prefix}-${copy.digest('hex').slice(0, 32)}`;
    },
  };
}

export function derivedExternalId(prefix: string, texts: readonly string[]): string {
  const hash = stableIdHash();
  for (const text of texts) hash.add(text);
  return hash.id(prefix);
}
