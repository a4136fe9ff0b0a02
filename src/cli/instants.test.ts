import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../shared/api/api-client.js';
import { CliExit } from './exit-codes.js';
import { instantOfOption, isCalendarDate, resolveInstants } from './instants.js';

describe('date-only CLI options', () => {
  it('turns a date into the start of that day in the organisation time zone', () => {
    expect(instantOfOption('--from', '2026-12-07', 'start', 'Europe/Berlin')).toBe(
      '2026-12-06T23:00:00.000Z',
    );
    expect(instantOfOption('--from', '2026-07-07', 'start', 'Europe/Berlin')).toBe(
      '2026-07-06T22:00:00.000Z',
    );
  });

  it('turns a date into the end of that day, the whole day included', () => {
    expect(instantOfOption('--to', '2026-12-07', 'end', 'Europe/Berlin')).toBe(
      '2026-12-07T23:00:00.000Z',
    );
    expect(instantOfOption('--to', '2026-12-07', 'end', 'UTC')).toBe('2026-12-08T00:00:00.000Z');
  });

  it("includes a deadline at the midnight that ends the day in --due-before's day", () => {
    expect(instantOfOption('--due-before', '2026-12-07', 'deadline', 'UTC')).toBe(
      '2026-12-08T00:00:00.001Z',
    );
  });

  it('passes a date-time on as it was given, for the server to check', () => {
    expect(instantOfOption('--at', '2026-12-07T10:00:00Z', 'end', 'Europe/Berlin')).toBe(
      '2026-12-07T10:00:00Z',
    );
  });

  it('refuses a date that does not exist, naming the option', () => {
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(() => instantOfOption('--due-before', '2026-02-30', 'deadline', 'UTC')).toThrow(
      new CliExit(2, '--due-before 2026-02-30 is not a calendar date (YYYY-MM-DD)'),
    );
  });

  it('asks the server for the time zone only when a date is given', async () => {
    const asked: string[] = [];
    const client = {
      get: (path: '/organisation') => {
        asked.push(path);
        return Promise.resolve({ timeZone: 'Europe/Berlin' });
      },
    } as unknown as Pick<ApiClient, 'get'>;
    expect(await resolveInstants(client, { at: ['--at', '2026-12-07T10:00:00Z', 'end'] })).toEqual({
      at: '2026-12-07T10:00:00Z',
    });
    expect(asked).toEqual([]);
    expect(
      await resolveInstants(client, {
        dueFrom: ['--due-from', '2026-12-07', 'start'],
        dueBefore: ['--due-before', undefined, 'deadline'],
      }),
    ).toEqual({ dueFrom: '2026-12-06T23:00:00.000Z', dueBefore: undefined });
    expect(asked).toEqual(['/organisation']);
  });
});
