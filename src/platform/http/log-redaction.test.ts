import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { redactUrlSecrets, serializeRequestForLog } from './log-redaction.js';

describe('secrets in logged URLs', () => {
  it('replaces a calendar feed secret and sign-in codes, and leaves the rest as it came', () => {
    expect(redactUrlSecrets('/api/v1/calendar/feeds/cal_abc123')).toBe(
      '/api/v1/calendar/feeds/[redacted]',
    );
    expect(redactUrlSecrets('/api/v1/calendar/feeds/cal_abc123?x=1')).toBe(
      '/api/v1/calendar/feeds/[redacted]?x=1',
    );
    expect(
      redactUrlSecrets('/api/v1/auth/sso/callback?code=s3cret&state=st4te&iss=https%3A%2F%2Fidp'),
    ).toBe('/api/v1/auth/sso/callback?code=[redacted]&state=[redacted]&iss=https%3A%2F%2Fidp');
    expect(redactUrlSecrets('/x?%74oken=abc&flag')).toBe('/x?%74oken=[redacted]&flag');
    expect(redactUrlSecrets('/api/v1/assets?limit=50&cursor=a')).toBe(
      '/api/v1/assets?limit=50&cursor=a',
    );
    expect(redactUrlSecrets('/x?%E0%A4%A=1')).toBe('/x?%E0%A4%A=1');
  });

  it('keeps the secret out of the request log line the server writes', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ level: 'info', serializers: { req: serializeRequestForLog } }, sink);
    const app = Fastify({ loggerInstance: logger });
    app.get('/api/v1/calendar/feeds/:token', (_request, reply) => reply.send('BEGIN:VCALENDAR'));
    await app.inject({ method: 'GET', url: '/api/v1/calendar/feeds/cal_topsecret' });
    await app.close();
    const logged = lines.join('');
    expect(logged).toContain('/api/v1/calendar/feeds/[redacted]');
    expect(logged).not.toContain('cal_topsecret');
  });
});
