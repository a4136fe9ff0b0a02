import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { listTarEntries, tarEntryChunks, type TarEntry } from '../../platform/archive/tar.js';
import { AppError } from '../../platform/errors.js';
import {
  backupManifestSchema,
  MANIFEST_ENTRY,
  type BackupManifest,
} from './instance-backup.schema.js';

/** Why an archive cannot be restored, as the operator reads it. */
export const damaged = (reason: string): AppError =>
  new AppError('validation_failed', `The backup archive cannot be restored: ${reason}`);

/**
 * Reads a backup archive: lists it, parses its manifest (the last entry) and checks every other
 * entry's size and SHA-256 against it, so nothing is restored from a damaged archive.
 */
export async function readVerifiedArchive(
  file: FileHandle,
): Promise<{ manifest: BackupManifest; entries: Map<string, TarEntry> }> {
  let listed: TarEntry[];
  try {
    listed = await listTarEntries(file);
  } catch (error) {
    throw damaged((error as Error).message);
  }
  const manifestEntry = listed.at(-1);
  if (manifestEntry?.name !== MANIFEST_ENTRY) throw damaged('it does not end with its manifest');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readText(file, manifestEntry));
  } catch {
    throw damaged('its manifest is not JSON');
  }
  const result = backupManifestSchema.safeParse(parsed);
  if (!result.success)
    throw damaged(
      `its manifest is not one this version reads (${result.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ')})`,
    );
  const manifest = result.data;
  const entries = new Map<string, TarEntry>();
  for (const entry of listed.slice(0, -1)) {
    if (entries.has(entry.name)) throw damaged(`${entry.name} appears twice`);
    entries.set(entry.name, entry);
  }
  if (entries.size !== manifest.entries.length)
    throw damaged(
      `it holds ${entries.size} entries besides the manifest, the manifest lists ${manifest.entries.length}`,
    );
  for (const expected of manifest.entries) {
    const entry = entries.get(expected.path);
    if (!entry) throw damaged(`${expected.path} is missing`);
    if (entry.size !== expected.bytes) throw damaged(`${expected.path} has the wrong size`);
    const hash = createHash('sha256');
    for await (const chunk of tarEntryChunks(file, entry)) hash.update(chunk);
    if (hash.digest('hex') !== expected.sha256)
      throw damaged(`${expected.path} does not match its SHA-256 in the manifest`);
  }
  for (const table of manifest.tables)
    for (const name of table.entries)
      if (!entries.has(name)) throw damaged(`${name} of table ${table.name} is missing`);
  return { manifest, entries };
}

/** A small entry (the manifest, the key) as text. */
export async function readText(file: FileHandle, entry: TarEntry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of tarEntryChunks(file, entry)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The lines of an NDJSON entry, read in chunks (a line may span two). */
export async function* jsonLines(file: FileHandle, entry: TarEntry): AsyncIterable<string> {
  let rest = '';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of tarEntryChunks(file, entry)) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line !== '') yield line;
  }
  rest += decoder.decode();
  if (rest !== '') yield rest;
}
