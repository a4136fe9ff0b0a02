import { describe, expect, it } from 'vitest';
import {
  escapeText,
  foldLine,
  streamCalendar,
  type CalendarEvent,
} from '../../src/modules/calendar/ical.js';
import { readICalendar } from '../support/icalendar-check.js';

describe('the iCalendar writer', () => {
  it('escapes backslashes, semicolons, commas and every kind of line break in text', () => {
    expect(escapeText('a\\b; c, d\r\ne\nf\rg')).toBe('a\\\\b\\; c\\, d\\ne\\nf\\ng');
  });

  it('folds at 75 octets, continues with a space, and never splits a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(2);
    for (const part of physical) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(physical.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
    expect(Buffer.byteLength(foldLine('X'.repeat(75)))).toBe(75);
  });

  it('writes a calendar a strict reader takes back unchanged, batch by batch', async () => {
    const summary = 'Review; access, for "ops"\nand €urope '.repeat(4);
    const events: CalendarEvent[] = [
      {
        uid: 'occurrence-1@plumbline.test',
        time: { kind: 'all-day', date: '2026-03-31' },
        summary,
        description: 'Line one\nLine two',
        url: 'https://plumbline.test/work/occurrences/1',
        categories: ['Plumbline', 'Overdue'],
      },
      {
        uid: 'occurrence-2@plumbline.test',
        time: {
          kind: 'timed',
          start: new Date('2026-03-12T13:30:00Z'),
          end: new Date('2026-03-12T14:00:00Z'),
        },
        summary: 'Patch',
        description: '',
        url: 'https://plumbline.test/work/occurrences/2',
        categories: [],
      },
    ];
    // One event a batch, and an empty batch between: the text is the same as in one piece.
    async function* batches() {
      // Each batch arrives later, as a page read from the database would.
      for (const batch of [events.slice(0, 1), [], events.slice(1)])
        yield await Promise.resolve(batch);
    }
    const chunks: string[] = [];
    for await (const chunk of streamCalendar(
      { name: 'Plumbline: engineering work', stamp: new Date('2026-03-10T09:00:00.123Z') },
      batches(),
    )) {
      chunks.push(chunk);
    }
    expect(chunks).toHaveLength(4);
    const text = chunks.join('');
    const calendar = readICalendar(text);
    expect(calendar.properties).toMatchObject({
      VERSION: ['2.0'],
      'X-WR-CALNAME': ['Plumbline: engineering work'],
    });
    expect(calendar.events).toHaveLength(2);
    expect(calendar.events[0]).toMatchObject({
      UID: ['occurrence-1@plumbline.test'],
      DTSTAMP: ['20260310T090000Z'],
      'DTSTART;VALUE=DATE': ['20260331'],
      'DTEND;VALUE=DATE': ['20260401'],
      SUMMARY: [summary],
      DESCRIPTION: ['Line one\nLine two'],
      CATEGORIES: ['Plumbline,Overdue'],
    });
    expect(calendar.events[1]).toMatchObject({
      DTSTART: ['20260312T133000Z'],
      DTEND: ['20260312T140000Z'],
    });
  });
});
