import { describe, expect, it } from 'vitest';
import { sanitiseFilename } from './attach-evidence.js';

describe('evidence file names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\report.pdf', 'report.pdf'],
    ['line\r\nbreak.txt', 'linebreak.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['\u2066report\u2069\u200E\u200F.pdf', 'report.pdf'],
    ['a\u202A\u202B\u202C\u202Db\u061C\uFEFF.txt', 'ab.txt'],
    ['tab\u0085\u2028\u2029.txt', 'tab.txt'],
    ['\u202E', 'evidence'],
  ])('makes %j safe as %j', (declared, safe) => {
    expect(sanitiseFilename(declared)).toBe(safe);
  });

  it('keeps ordinary Unicode names, bounded without cutting a character in half', () => {
    expect(sanitiseFilename('Prüfbericht 日本.pdf')).toBe('Prüfbericht 日本.pdf');
    const bounded = sanitiseFilename(`${'a'.repeat(199)}🙂🙂.txt`);
    expect(bounded).toBe(`${'a'.repeat(199)}🙂`);
  });
});
