import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import { ApiError } from './api-client.js';
import { globalOptions, type CliContext } from './context.js';
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
 * POSTs a stream as the request body (the API client sends whole bodies only), so a file of a
 * million rows never sits in memory; the answer is handled like any other API call. Every
 * importer of the CLI (backup runs, scans, accounts, people, certificates) sends through here.
 */
export async function postStream<T>(
  command: Command,
  cli: CliContext,
  path: string,
  query: Record<string, string | undefined>,
  input: Readable,
  contentType = 'application/octet-stream',
): Promise<T> {
  const { url, token } = globalOptions(command);
  const target = new URL(`/api/v1${path}`, url);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) target.searchParams.set(name, value);
  }
  const doFetch = cli.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(target, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: Readable.toWeb(input) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit);
  } catch (error) {
    throw new CliExit(
      EXIT.unreachable,
      `Cannot reach Plumbline at ${url}: ${(error as Error).message}`,
    );
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON: keep the text for the message.
  }
  if (!response.ok) throw new ApiError(response.status, body);
  return body as T;
}
