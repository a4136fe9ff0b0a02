import type { IncomingMessage } from 'node:http';
import type { AppError } from '../errors.js';

/**
 * Reads a request body as the sender sent it, byte for byte, refusing it past `maxBytes` with the
 * caller's error (a 413 that says what to do). What is left of a refused body is read and dropped,
 * so the sender receives the answer, not a reset connection. For webhooks whose raw bytes matter
 * (kept as evidence, or signed).
 */
export async function readRawBody(
  payload: IncomingMessage,
  maxBytes: number,
  tooLarge: () => AppError,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  for await (const chunk of payload as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) refused = true;
    if (!refused) chunks.push(chunk);
  }
  if (refused) throw tooLarge();
  return Buffer.concat(chunks);
}
