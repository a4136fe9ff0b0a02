import { describe, expect, it } from 'vitest';
import { checkSigningReauthentication } from './signing-reauthentication.js';

const requestedAt = new Date('2026-12-06T10:00:00.400Z');
const linked = { issuer: 'https://idp.example', subject: 'alice' };
const answer = (subject: string, authTime: unknown) => ({
  issuer: 'https://idp.example',
  subject,
  claims: { auth_time: authTime },
});
const seconds = (iso: string) => Date.parse(iso) / 1000;

describe('checkSigningReauthentication', () => {
  it('accepts a sign-in by the linked subject after the intent and within five minutes', () => {
    const check = checkSigningReauthentication({
      linked,
      identity: answer('alice', seconds('2026-12-06T10:00:20Z')),
      requestedAt,
      now: new Date('2026-12-06T10:01:00Z'),
    });
    expect(check).toEqual({ ok: true, authenticatedAt: new Date('2026-12-06T10:00:20Z') });
  });

  it('accepts a sign-in in the same second as the intent (auth_time has whole seconds)', () => {
    const check = checkSigningReauthentication({
      linked,
      identity: answer('alice', seconds('2026-12-06T10:00:00Z')),
      requestedAt,
      now: new Date('2026-12-06T10:00:03Z'),
    });
    expect(check.ok).toBe(true);
  });

  it.each([
    ['before the intent', '2026-12-06T09:59:00Z', '2026-12-06T10:00:30Z'],
    ['over five minutes ago', '2026-12-06T10:00:10Z', '2026-12-06T10:05:11Z'],
  ])('refuses a sign-in %s', (_, authTime, now) => {
    const check = checkSigningReauthentication({
      linked,
      identity: answer('alice', seconds(authTime)),
      requestedAt,
      now: new Date(now),
    });
    expect(check).toEqual({ ok: false, reason: 'stale_authentication' });
  });

  it('refuses another subject, an unlinked account and a token without auth_time', () => {
    const now = new Date('2026-12-06T10:00:30Z');
    const fresh = seconds('2026-12-06T10:00:10Z');
    expect(
      checkSigningReauthentication({ linked, identity: answer('bob', fresh), requestedAt, now }),
    ).toEqual({ ok: false, reason: 'wrong_subject' });
    expect(
      checkSigningReauthentication({
        linked: undefined,
        identity: answer('alice', fresh),
        requestedAt,
        now,
      }),
    ).toEqual({ ok: false, reason: 'not_linked' });
    expect(
      checkSigningReauthentication({
        linked,
        identity: answer('alice', undefined),
        requestedAt,
        now,
      }),
    ).toEqual({ ok: false, reason: 'no_auth_time' });
  });
});
