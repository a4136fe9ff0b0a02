import { StringDecoder } from 'node:string_decoder';
import { BackupParseError } from './backup-parse-error.js';
import type { BackupImportFormat } from './parsed-backup-run.js';

/** What a caller hands over: a file or request stream, or any async source of text chunks. */
export type BackupInput = AsyncIterable<string | Buffer> | NodeJS.ReadableStream;

/** A JSON-lines record longer than this is not tool output; refusing it keeps memory bounded. */
export const MAX_LINE_CHARACTERS = 1024 * 1024;

/** The tools' single documents are bounded by what they list; this stops a runaway upload. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

export interface NumberedLine {
  number: number;
  text: string;
}

function chunksOf(input: BackupInput): AsyncIterable<string | Buffer> {
  // NodeJS.ReadableStream is async-iterable at run time; its type says so only loosely.
  return input as AsyncIterable<string | Buffer>;
}

/** Windows tools (PowerShell redirection) may start a file with a byte order mark. */
function withoutByteOrderMark(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

const WHITESPACE_BYTES = new Set([0x20, 0x09, 0x0a, 0x0d]);

function firstNonWhitespace(chunk: string | Buffer): string | null {
  if (typeof chunk === 'string') {
    const match = /[^\s\uFEFF]/.exec(chunk);
    return match === null ? null : match[0];
  }
  let index = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
  while (index < chunk.length && WHITESPACE_BYTES.has(chunk[index] ?? 0)) index += 1;
  return index < chunk.length ? String.fromCharCode(chunk[index] ?? 0) : null;
}

/**
 * The first character that is not whitespace, and the input to read from the start again: lets
 * a format tell a JSON document from JSON lines before choosing how to read it. Only the chunks
 * read while looking are held, usually one.
 */
export async function peekFirstCharacter(
  input: BackupInput,
): Promise<{ first: string | null; input: AsyncIterable<string | Buffer> }> {
  const iterator = chunksOf(input)[Symbol.asyncIterator]();
  const seen: (string | Buffer)[] = [];
  let first: string | null = null;
  while (first === null) {
    const next = await iterator.next();
    if (next.done === true) break;
    seen.push(next.value);
    first = firstNonWhitespace(next.value);
  }
  async function* replay(): AsyncGenerator<string | Buffer> {
    yield* seen;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      yield next.value;
    }
  }
  return { first, input: replay() };
}

/**
 * Splits the input into lines as it arrives, holding at most one line in memory, so a file of a
 * million runs parses in constant memory. Buffers are decoded as UTF-8 across chunk boundaries.
 */
export async function* readLines(
  format: BackupImportFormat,
  input: BackupInput,
): AsyncGenerator<NumberedLine> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  for await (const chunk of chunksOf(input)) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    let newline = pending.indexOf('\n', start);
    while (newline !== -1) {
      number += 1;
      const text = stripCarriageReturn(pending.slice(start, newline));
      yield { number, text: number === 1 ? withoutByteOrderMark(text) : text };
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
    if (pending.length > MAX_LINE_CHARACTERS) {
      throw new BackupParseError(format, `is longer than ${MAX_LINE_CHARACTERS} characters`, {
        line: number + 1,
      });
    }
  }
  pending += decoder.end();
  if (pending !== '') {
    const text = stripCarriageReturn(pending);
    yield { number: number + 1, text: number === 0 ? withoutByteOrderMark(text) : text };
  }
}

function stripCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

/** Reads a whole (bounded) document, refusing more than {@link MAX_DOCUMENT_BYTES}. */
export async function readDocument(
  format: BackupImportFormat,
  input: BackupInput,
): Promise<string> {
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  let size = 0;
  for await (const chunk of chunksOf(input)) {
    size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (size > MAX_DOCUMENT_BYTES) {
      throw new BackupParseError(
        format,
        `the document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`,
      );
    }
    parts.push(typeof chunk === 'string' ? chunk : decoder.write(chunk));
  }
  parts.push(decoder.end());
  return withoutByteOrderMark(parts.join(''));
}
