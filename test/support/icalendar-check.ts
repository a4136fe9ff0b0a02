import { expect } from 'vitest';

/** The properties of one component: the name (with its parameters) → its values, unescaped. */
export type ICalProperties = Record<string, string[]>;

export interface ReadICalendar {
  properties: ICalProperties;
  events: ICalProperties[];
}

const TEXT_PROPERTIES = new Set(['SUMMARY', 'DESCRIPTION', 'X-WR-CALNAME', 'LOCATION']);
const REQUIRED_EVENT_PROPERTIES = ['UID', 'DTSTAMP', 'DTSTART', 'SUMMARY', 'URL'];

/** A TEXT value read back; fails on a comma, semicolon or backslash that is not escaped. */
function unescapeText(value: string, where: string): string {
  const unescapedSpecial = value.replace(/\\[\\;,nN]/g, '').match(/[\\;,]/);
  expect(unescapedSpecial, `${where}: unescaped "${unescapedSpecial?.[0]}" in ${value}`).toBeNull();
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/**
 * A strict line-level reader of iCalendar text (RFC 5545 3.1, 3.3.11, 3.6): CRLF line ends only,
 * no physical line over 75 octets, continuations start with a space, each content line is
 * `NAME[;PARAM=VALUE]*:value`, BEGIN and END balanced, TEXT values escaped, and every VEVENT has
 * UID, DTSTAMP, DTSTART, SUMMARY and URL. Fails the test on the first line that breaks a rule.
 */
export function readICalendar(text: string): ReadICalendar {
  expect(text.endsWith('\r\n'), 'ends with CRLF').toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  const logical: string[] = [];
  physical.forEach((line, index) => {
    expect(/[\r\n]/.test(line), `line ${index + 1} has a bare CR or LF`).toBe(false);
    expect(
      Buffer.byteLength(line, 'utf8'),
      `line ${index + 1} is over 75 octets`,
    ).toBeLessThanOrEqual(75);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      expect(logical.length, 'a continuation before any line').toBeGreaterThan(0);
      logical[logical.length - 1] += line.slice(1);
    } else logical.push(line);
  });
  const calendar: ReadICalendar = { properties: {}, events: [] };
  const stack: string[] = [];
  let current: ICalProperties | null = null;
  for (const line of logical) {
    const match = /^([A-Z][A-Z0-9-]*)((?:;[A-Z0-9-]+=[^;:,"]+(?:,[^;:,"]+)*)*):(.*)$/.exec(line);
    expect(match, `not a content line: ${line}`).not.toBeNull();
    const [, name, params, rawValue] = match!;
    if (name === 'BEGIN') {
      stack.push(rawValue!);
      if (rawValue === 'VEVENT') current = {};
      continue;
    }
    if (name === 'END') {
      expect(stack.pop(), `END:${rawValue} closes another component`).toBe(rawValue);
      if (rawValue === 'VEVENT') {
        const event = current!;
        for (const required of REQUIRED_EVENT_PROPERTIES) {
          const present = Object.keys(event).some((key) => key.split(';')[0] === required);
          expect(present, `VEVENT without ${required}`).toBe(true);
        }
        calendar.events.push(event);
        current = null;
      }
      continue;
    }
    const value = TEXT_PROPERTIES.has(name!) ? unescapeText(rawValue!, name!) : rawValue!;
    const target = current ?? calendar.properties;
    const key = `${name}${params}`;
    (target[key] ??= []).push(value);
  }
  expect(stack, 'every BEGIN has its END').toEqual([]);
  return calendar;
}
