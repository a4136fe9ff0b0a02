import { describe, expect, it } from 'vitest';
import {
  deadlineDay,
  formatDate,
  formatDateTime,
  formatDeadline,
  formatDuration,
  formatPeriod,
  formatPerson,
  personOfLabel,
  plainValidationMessage,
  todayIsoDate,
} from '../../web/src/components/format.js';

const BERLIN = 'Europe/Berlin';
const NOW = new Date('2026-12-06T10:00:00Z'); // Sunday 6 December 2026, 11:00 in Berlin

describe('deadlines', () => {
  it('reads a deadline at local midnight as the end of the day before', () => {
    expect(deadlineDay('2026-12-06T23:00:00Z', BERLIN)).toEqual({ date: '2026-12-06', time: null });
    expect(deadlineDay('2026-12-07T00:00:00Z', 'UTC')).toEqual({ date: '2026-12-06', time: null });
  });

  it('keeps the time of a deadline that is not the end of a day', () => {
    expect(deadlineDay('2026-12-07T14:30:00Z', BERLIN)).toEqual({
      date: '2026-12-07',
      time: '15:30',
    });
  });

  it('says today, tomorrow and yesterday, and otherwise the weekday and date', () => {
    expect(formatDeadline('2026-12-06T23:00:00Z', NOW, BERLIN, 'en-GB')).toBe('today');
    expect(formatDeadline('2026-12-07T23:00:00Z', NOW, BERLIN, 'en-GB')).toBe('tomorrow');
    expect(formatDeadline('2026-12-05T23:00:00Z', NOW, BERLIN, 'en-GB')).toBe('yesterday');
    expect(formatDeadline('2026-12-08T23:00:00Z', NOW, BERLIN, 'en-GB')).toBe('Tue 8 Dec');
    expect(formatDeadline('2026-12-07T14:30:00Z', NOW, BERLIN, 'en-GB')).toBe('tomorrow, 15:30');
    expect(formatDeadline('2027-01-11T23:00:00Z', NOW, BERLIN, 'en-GB')).toBe('Mon, 11 Jan 2027');
  });

  it('does not call the same instant today in one zone and tomorrow in another by accident', () => {
    // 7 Dec 00:00 UTC ends Sunday in London, but is 01:00 on Monday in Berlin.
    expect(formatDeadline('2026-12-07T00:00:00Z', NOW, 'UTC', 'en-GB')).toBe('today');
    expect(formatDeadline('2026-12-07T00:00:00Z', NOW, BERLIN, 'en-GB')).toBe('tomorrow, 01:00');
  });

  it('gives today as the organisation sees it', () => {
    expect(todayIsoDate(new Date('2026-12-06T23:30:00Z'), BERLIN)).toBe('2026-12-07');
    expect(todayIsoDate(new Date('2026-12-06T23:30:00Z'), 'UTC')).toBe('2026-12-06');
  });
});

describe('dates and times', () => {
  it('shows an instant on the organisation clock', () => {
    expect(formatDateTime('2026-12-05T00:00:00.000Z', BERLIN, 'en-GB')).toBe('5 Dec 2026, 01:00');
    expect(formatDateTime('2026-12-05T00:00:00.000Z', 'America/New_York', 'en-GB')).toBe(
      '4 Dec 2026, 19:00',
    );
    expect(formatDateTime(null)).toBe('—');
  });

  it('shows a calendar date without shifting it', () => {
    expect(formatDate('2026-12-05', 'en-GB')).toBe('5 Dec 2026');
    expect(formatDate(undefined)).toBe('—');
  });
});

describe('words, not codes', () => {
  it('writes durations in words', () => {
    expect(formatDuration('PT24H')).toBe('24 hours');
    expect(formatDuration(null)).toBe('—');
  });

  it('writes periods in words, an event period as the time its clock started', () => {
    expect(formatPeriod('2026-12', undefined, BERLIN, 'en-GB')).toBe('December 2026');
    expect(formatPeriod('2026-Q4')).toBe('Q4 2026');
    expect(formatPeriod('2026-W49')).toBe('Week 49, 2026');
    expect(formatPeriod('2026-12-05', undefined, BERLIN, 'en-GB')).toBe('5 Dec 2026');
    expect(formatPeriod('2026')).toBe('2026');
    expect(
      formatPeriod(
        'event:782e04c4-7c47-4d6e-9a53-3f1c8e0e2b11',
        '2026-12-05T08:00:00Z',
        BERLIN,
        'en-GB',
      ),
    ).toBe('After the event of 5 Dec 2026, 09:00');
  });

  it('reads a signer label as a name and an e-mail', () => {
    expect(personOfLabel('Ada Lovelace <ada@example.com>')).toEqual({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
    });
    expect(personOfLabel('ada@example.com')).toEqual({ name: null, email: 'ada@example.com' });
    expect(personOfLabel('token:backup-job')).toEqual({ name: 'token:backup-job', email: null });
  });

  it('names a person, with the e-mail second', () => {
    expect(formatPerson({ name: 'Ada Lovelace', email: 'ada@example.com' })).toEqual({
      primary: 'Ada Lovelace',
      secondary: 'ada@example.com',
    });
    expect(formatPerson({ name: '', email: 'ada@example.com' })).toEqual({
      primary: 'ada@example.com',
      secondary: null,
    });
  });

  it("rewrites zod's enumeration and type messages in plain language", () => {
    expect(
      plainValidationMessage('Invalid option: expected one of "critical"|"high"|"medium"|"low"'),
    ).toBe('Choose one of the options offered');
    expect(plainValidationMessage('Invalid input: expected string, received undefined')).toBe(
      'Required',
    );
    expect(plainValidationMessage('must be a UUID')).toBe('must be a UUID');
  });
});
