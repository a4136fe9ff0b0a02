import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  MAX_DOCUMENT_BYTES,
  MAX_LINE_CHARACTERS,
  peekFirstCharacter,
  readDocument,
  readLines,
} from './backup-input.js';

async function linesOf(chunks: (string | Buffer)[]): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLines('plumbline', Readable.from(chunks))) lines.push(line.text);
  return lines;
}

describe('reading backup tool output', () => {
  it('splits lines across chunks, keeps multi-byte characters whole and drops CR of CRLF', async () => {
    const text = Buffer.from('{"m":"Größe"}\r\n{"m":"日本"}\n{"m":"last"}');
    // Cut inside "ö" and inside "日" so neither chunk holds a whole character.
    const chunks = [text.subarray(0, 9), text.subarray(9, 20), text.subarray(20)];
    expect(await linesOf(chunks)).toEqual(['{"m":"Größe"}', '{"m":"日本"}', '{"m":"last"}']);
  });

  it('ignores a byte order mark at the start', async () => {
    expect(await linesOf([Buffer.from('\uFEFF{"a":1}\n')])).toEqual(['{"a":1}']);
    expect(await readDocument('velero', Readable.from([Buffer.from('\uFEFF{}')]))).toBe('{}');
  });

  it('peeks at the first character without losing any input', async () => {
    const peeked = await peekFirstCharacter(
      Readable.from(['', '  \n', Buffer.from('\t[1,'), '2]']),
    );
    expect(peeked.first).toBe('[');
    expect(await readDocument('restic', peeked.input)).toBe('  \n\t[1,2]');
    expect((await peekFirstCharacter(Readable.from([' \n']))).first).toBeNull();
  });

  it('numbers lines from 1, counting blank ones', async () => {
    const numbers: number[] = [];
    for await (const line of readLines('restic', Readable.from(['a\n\nb\n'])))
      numbers.push(line.number);
    expect(numbers).toEqual([1, 2, 3]);
  });

  it('refuses a line longer than the cap instead of buffering it', async () => {
    const huge = 'x'.repeat(MAX_LINE_CHARACTERS + 1);
    await expect(linesOf(['{"ok":1}\n', huge])).rejects.toThrow(
      `plumbline: line 2: is longer than ${MAX_LINE_CHARACTERS} characters`,
    );
  });

  it('refuses a document larger than 50 MB', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const chunks = Array.from({ length: MAX_DOCUMENT_BYTES / chunk.length + 1 }, () => chunk);
    await expect(readDocument('velero', Readable.from(chunks))).rejects.toThrow(
      'velero: the document is larger than 50 MB',
    );
  });
});
