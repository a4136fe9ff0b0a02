import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { drainQuietly } from './drain-quietly.js';

describe('draining a refused upload', () => {
  it('reads the rest and swallows a later error instead of throwing it', async () => {
    const stream = new PassThrough();
    drainQuietly(stream);
    stream.write('rest of the body');
    stream.destroy(new Error('the body ended inside the file'));
    await new Promise((resolve) => stream.on('close', resolve));
    expect(stream.destroyed).toBe(true);
    expect(stream.readableFlowing).toBe(true);
  });
});
