import { StringDecoder } from 'node:string_decoder';
import { BackupParseError } from './backup-parse-error.js';
import type { BackupImportFormat } from './parsed-backup-run.js';

/** What a caller hands over: a file or request stream, or any async source of text chunks. */
export type BackupInput = AsyncIterable<string | Buffer> | NodeJS.ReadableStream;

/** A JSON-lines record longer than this is not tool output; refusing it keeps memory bounded. */
export const MAX_LINE_BYTES = 1024 * 1024;

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
      yield { number, text: stripCarriageReturn(pending.slice(start, newline)) };
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
    if (pending.length > MAX_LINE_BYTES) {
      throw new BackupParseError(format, `is longer than ${MAX_LINE_BYTES} bytes`, {
        line: number + 1,
      });
    }
  }
  pending += decoder.end();
  if (pending !== '') yield { number: number + 1, text: stripCarriageReturn(pending) };
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
  return parts.join('');
}
