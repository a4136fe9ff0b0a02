import { describe, expect, it } from 'vitest';
import { durationInWords } from './duration-words.js';

describe('durationInWords', () => {
  it.each([
    ['PT24H', '24 hours'],
    ['PT1H', '1 hour'],
    ['P30D', '30 days'],
    ['P1D', '1 day'],
    ['P2W', '2 weeks'],
    ['P1DT12H', '1 day and 12 hours'],
    ['P1WT2H30M', '1 week, 2 hours and 30 minutes'],
    ['PT0H', 'no time'],
  ])('writes %s as "%s"', (duration, words) => {
    expect(durationInWords(duration)).toBe(words);
  });

  it('returns what it cannot read as it was given', () => {
    expect(durationInWords('P1Y')).toBe('P1Y');
    expect(durationInWords('P')).toBe('P');
    expect(durationInWords('24 hours')).toBe('24 hours');
  });
});
