import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { RawBody } from '../shared/api/api-client.js';
import { CliExit, EXIT } from './exit-codes.js';

/** The file (or standard input for `-`) as a stream: the upload is sent as it is read. */
export function openInput(file: string): Readable {
  if (file === '-') return process.stdin;
  try {
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    throw new CliExit(EXIT.failure, `Cannot read ${file}: ${(error as Error).message}`);
  }
  return fs.createReadStream(file);
}

/**
 * A stream as a request body, sent as it is read, so a file of a million rows never sits in
 * memory. Every importer of the CLI (backup runs, scans, accounts, people, certificates, register
 * sync) sends its file through here.
 */
export function streamedBody(input: Readable, contentType = 'application/octet-stream'): RawBody {
  return { contentType, content: Readable.toWeb(input) as ReadableStream<Uint8Array> };
}
