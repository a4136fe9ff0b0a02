import { describe, expect, it } from 'vitest';
import { readInOrder } from './read-in-order.js';

const tick = (ms = 2) => new Promise((resolve) => setTimeout(resolve, ms));

/** A source of `count` items named after it, each after a short wait; counts what was read. */
function source(name: string, count: number, log: string[], wait = 1) {
  return async function* items() {
    for (let n = 0; n < count; n += 1) {
      await tick(wait);
      log.push(`${name}${n}`);
      yield `${name}${n}`;
    }
  };
}

describe('readInOrder', () => {
  const options = { concurrency: 2, headAhead: 2, laterAhead: 3 };

  it('gives every item of every source, source after source', async () => {
    const log: string[] = [];
    const sources = [
      source('a', 5, log),
      source('b', 0, log),
      source('c', 1, log),
      source('d', 4, log),
    ];
    const seen: string[] = [];
    for await (const item of readInOrder(sources, options)) seen.push(item);
    expect(seen).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'c0', 'd0', 'd1', 'd2', 'd3']);
  });

  it('reads the next sources while the first is consumed, within the bounds', async () => {
    const log: string[] = [];
    const sources = [source('a', 10, log, 5), source('b', 10, log), source('c', 10, log)];
    const items = readInOrder(sources, options);
    expect((await items.next()).value).toBe('a0');
    const readOf = (name: string) => log.filter((item) => item.startsWith(name));
    for (let waited = 0; readOf('b').length < 3 && waited < 5_000; waited += 5) await tick(5);
    await tick(30);
    // a is read at most headAhead ahead; b and c together at most laterAhead; c only once a
    // reader is free (two readers: a's and b's).
    expect(readOf('a').length).toBeLessThanOrEqual(1 + 2 + 1);
    expect(readOf('b')).toEqual(['b0', 'b1', 'b2']);
    expect(readOf('c')).toEqual([]);
    const rest: string[] = [];
    for await (const item of items) rest.push(item);
    expect(rest).toHaveLength(29);
    expect(rest.slice(-10)).toEqual([...Array(10).keys()].map((n) => `c${n}`));
  });

  it("throws a source's error where its items would have come", async () => {
    const log: string[] = [];
    async function* failing() {
      yield 'b0';
      await tick();
      throw new Error('query failed');
    }
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of readInOrder([source('a', 3, log), failing], options))
          seen.push(item);
      })(),
    ).rejects.toThrow('query failed');
    expect(seen).toEqual(['a0', 'a1', 'a2', 'b0']);
  });

  it('stops every source when the consumer stops early', async () => {
    const closed: string[] = [];
    const endless = (name: string) =>
      async function* items() {
        try {
          for (let n = 0; ; n += 1) {
            await tick(1);
            yield `${name}${n}`;
          }
        } finally {
          closed.push(name);
        }
      };
    for await (const item of readInOrder([endless('a'), endless('b')], options)) {
      if (item === 'a3') break;
    }
    await tick(20);
    expect(closed.sort()).toEqual(['a', 'b']);
  });
});
