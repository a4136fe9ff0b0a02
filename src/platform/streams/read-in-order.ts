/**
 * The items of several sources, one source after the other, read by `concurrency` readers at
 * once: while the first source is written out, the next ones are already being read. Memory stays
 * bounded: the source being written out is read at most `headAhead` items ahead of the consumer,
 * and the sources after it hold at most `laterAhead` items between them. A source's error is
 * thrown where its items would have come; a consumer that stops early stops every reader.
 */
export function readInOrder<T>(
  sources: readonly (() => AsyncGenerator<T>)[],
  options: { concurrency: number; headAhead: number; laterAhead: number },
): AsyncGenerator<T> {
  const queues: { items: T[]; done: boolean; failure: Error | null }[] = sources.map(() => ({
    items: [],
    done: false,
    failure: null,
  }));
  let head = 0;
  let nextSource = 0;
  let stopped = false;
  // Everyone waiting waits for the next change, then looks again at what they wait for.
  let changed = signal();
  const notify = () => {
    changed.resolve();
    changed = signal();
  };
  const heldLater = () =>
    queues.slice(head + 1).reduce((sum, queue) => sum + queue.items.length, 0);
  const mustWait = (index: number) =>
    index === head
      ? queues[index]!.items.length >= options.headAhead
      : heldLater() >= options.laterAhead;

  async function reader(): Promise<void> {
    while (!stopped && nextSource < sources.length) {
      const index = nextSource;
      nextSource += 1;
      const queue = queues[index]!;
      const items = sources[index]!();
      try {
        for (;;) {
          while (!stopped && mustWait(index)) await changed.promise;
          if (stopped) {
            await items.return(undefined);
            return;
          }
          const next = await items.next();
          if (next.done) break;
          queue.items.push(next.value);
          notify();
        }
      } catch (error) {
        queue.failure = error instanceof Error ? error : new Error(String(error));
      }
      queue.done = true;
      notify();
    }
  }

  async function* consume(): AsyncGenerator<T> {
    // A reader records its source's failure in the queue; only stopping a source could throw here.
    for (let reading = 0; reading < options.concurrency; reading += 1)
      reader().catch(() => undefined);
    try {
      for (; head < queues.length; head += 1, notify()) {
        const queue = queues[head]!;
        for (;;) {
          if (queue.items.length > 0) {
            const item = queue.items.shift()!;
            notify();
            yield item;
          } else if (queue.failure !== null) {
            throw queue.failure;
          } else if (queue.done) {
            break;
          } else {
            await changed.promise;
          }
        }
      }
    } finally {
      stopped = true;
      notify();
    }
  }
  return consume();
}

function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}
