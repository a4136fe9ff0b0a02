import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/errors.js';

/** The header GitHub signs webhook bodies in; plain deploy events use it too. */
export const SIGNATURE_HEADER = 'x-hub-signature-256';

/** `sha256=` and the hex HMAC-SHA256 of the raw body under the secret, as GitHub computes it. */
export function signDeliveryBody(secret: string, body: Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Refuses (401) a delivery whose `X-Hub-Signature-256` is missing or is not the HMAC of its raw
 * bytes under the configured secret; compared in constant time. With no secret configured every
 * delivery is refused: an unsigned event is never trusted.
 */
export function assertDeliverySigned(
  secret: string | undefined,
  header: string | string[] | undefined,
  body: Buffer,
): void {
  if (secret === undefined) {
    throw new AppError(
      'unauthenticated',
      'Delivery events are refused: no webhook secret is configured (PLUMBLINE_CHANGE_WEBHOOK_SECRET)',
    );
  }
  if (typeof header !== 'string') {
    throw new AppError('unauthenticated', 'The X-Hub-Signature-256 header is missing');
  }
  const expected = Buffer.from(signDeliveryBody(secret, body));
  const sent = Buffer.from(header.trim());
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    throw new AppError(
      'unauthenticated',
      'The X-Hub-Signature-256 header is not the HMAC of this body under the configured secret',
    );
  }
}
