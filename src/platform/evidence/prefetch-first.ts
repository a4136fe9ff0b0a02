/** An async iterable whose first item is already being fetched. */
export interface Prefetched<T> extends AsyncIterable<T> {
  /** Settles with the first item; rejects as the source would (errors surface here first). */
  readonly first: Promise<IteratorResult<T>>;
  /** Closes the source if it was never read to its end (a build failed while this one waited). */
  close(): Promise<void>;
}

/**
 * Starts fetching the first item of `source` now, so opening (and reading the first chunk of) the
 * next evidence file overlaps with writing the current one. Only that one item is held ahead.
 */
export function prefetchFirst<T>(source: AsyncIterable<T>): Prefetched<T> {
  const iterator = source[Symbol.asyncIterator]();
  const first = iterator.next();
  // Observed by whoever iterates; never an unhandled rejection while it waits its turn.
  first.catch(() => undefined);
  return {
    first,
    async close() {
      const head = await first.catch(() => null);
      if (head && !head.done) await iterator.return?.();
    },
    async *[Symbol.asyncIterator]() {
      let next = await first;
      try {
        while (!next.done) {
          yield next.value;
          next = await iterator.next();
        }
      } finally {
        // A consumer that stops early (an error downstream) closes the source: its file handle.
        if (!next.done) await iterator.return?.();
      }
    },
  };
}
