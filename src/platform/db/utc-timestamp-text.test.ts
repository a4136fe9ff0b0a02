import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromUtcText } from './utc-timestamp-text.js';

describe('isoFromUtcText', () => {
  it('writes the instant as Date.toISOString does, whatever the fraction', () => {
    expect(isoFromUtcText('2026-01-05 23:59:59+00')).toBe('2026-01-05T23:59:59.000Z');
    expect(isoFromUtcText('2026-01-05 23:59:59.5+00')).toBe('2026-01-05T23:59:59.500Z');
    expect(isoFromUtcText('2026-01-05 23:59:59.999+00')).toBe('2026-01-05T23:59:59.999Z');
    expect(isoFromUtcText('2026-01-05 23:59:59.999999+00')).toBe('2026-01-05T23:59:59.999Z');
    expect(isoFromUtcText('0001-01-01 00:00:00.01+00')).toBe('0001-01-01T00:00:00.010Z');
    expect(isoFromUtcText(null)).toBeNull();
  });

  it('agrees with Date for any instant PostgreSQL would print in UTC', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z') }),
        fc.integer({ min: 0, max: 999 }),
        (date, micros) => {
          const iso = date.toISOString();
          // PostgreSQL's text: no trailing zeros in the fraction, none at all for whole seconds.
          const digits = `${iso.slice(20, 23)}${String(micros).padStart(3, '0')}`.replace(
            /0+$/,
            '',
          );
          const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}${digits ? `.${digits}` : ''}+00`;
          expect(isoFromUtcText(text)).toBe(iso);
        },
      ),
    );
  });
});
