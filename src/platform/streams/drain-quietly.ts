import type { Readable } from 'node:stream';

/**
 * Reads and drops what is left of a request's stream we refused, so the answer reaches the client,
 * without letting a later error of that stream (a body that breaks off, a malformed part) escape
 * as an uncaught exception: nobody reads the stream any more, so nobody would listen.
 */
export function drainQuietly(stream: Readable): void {
  stream.on('error', () => undefined);
  stream.resume();
}
