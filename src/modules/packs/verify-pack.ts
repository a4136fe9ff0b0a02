import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import {
  MANIFEST_PATH,
  PUBLIC_KEY_PATH,
  SIGNATURE_PATH,
  packManifestSchema,
  type PackManifest,
} from './pack-manifest.schema.js';
import { publicKeyFingerprint } from '../../platform/crypto/public-key-fingerprint.js';
import { verifyManifestSignature } from './pack-signing.js';

export type PackProblemKind = 'added' | 'removed' | 'altered' | 'signature' | 'manifest';

export interface PackProblem {
  kind: PackProblemKind;
  path: string;
  detail: string;
}

export interface PackVerification {
  intact: boolean;
  /** Fingerprint of the public key included in the pack, if it could be read. */
  fingerprint: string | null;
  manifest: Pick<
    PackManifest,
    'framework' | 'period' | 'generatedAt' | 'auditChain' | 'auditCheckpoint'
  > | null;
  /** Files listed in the manifest whose bytes were checked. */
  checkedFiles: number;
  problems: PackProblem[];
}

/** The manifest, its signature and the key are read whole; nothing that large is legitimate. */
const MAX_SMALL_ENTRY_BYTES = 256 * 1024 * 1024;
const SMALL_ENTRIES = new Set([MANIFEST_PATH, SIGNATURE_PATH, PUBLIC_KEY_PATH]);

interface SeenFile {
  sha256: string;
  size: number;
}

async function digest(stream: Readable, keep: boolean): Promise<SeenFile & { bytes?: Buffer }> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    hash.update(chunk);
    if (keep) {
      if (size > MAX_SMALL_ENTRY_BYTES) throw new Error('entry is too large');
      chunks.push(chunk);
    }
  }
  return { sha256: hash.digest('hex'), size, ...(keep ? { bytes: Buffer.concat(chunks) } : {}) };
}

/**
 * Checks an evidence pack on its own, with no server and no database: every file's SHA-256 and
 * size against manifest.json, and the Ed25519 signature of manifest.json with the public key in
 * the pack (and, when given, that this key has the expected fingerprint). Names every file that
 * was added, removed or altered. Entries are streamed, so memory stays flat however large the pack.
 */
export async function verifyPack(
  zipPath: string,
  options: { expectedFingerprint?: string | undefined } = {},
): Promise<PackVerification> {
  const problems: PackProblem[] = [];
  const seen = new Map<string, SeenFile>();
  const small = new Map<string, Buffer>();
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, validateEntrySizes: true });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const name = entry.fileName;
      if (seen.has(name) || small.has(name)) {
        problems.push({ kind: 'added', path: name, detail: 'a second entry with the same name' });
        continue;
      }
      try {
        const result = await digest(
          await zip.openReadStreamPromise(entry),
          SMALL_ENTRIES.has(name),
        );
        if (result.bytes) small.set(name, result.bytes);
        if (name !== MANIFEST_PATH && name !== SIGNATURE_PATH)
          seen.set(name, { sha256: result.sha256, size: result.size });
      } catch (error) {
        problems.push({
          kind: 'altered',
          path: name,
          detail: `cannot be read: ${(error as Error).message}`,
        });
        seen.set(name, { sha256: '', size: -1 });
      }
    }
  } finally {
    zip.close();
  }

  const manifestBytes = small.get(MANIFEST_PATH);
  const signature = small.get(SIGNATURE_PATH);
  const publicKeyPem = small.get(PUBLIC_KEY_PATH)?.toString('utf8') ?? null;
  let fingerprint: string | null = null;
  if (publicKeyPem !== null) {
    try {
      fingerprint = publicKeyFingerprint(publicKeyPem);
    } catch {
      problems.push({ kind: 'signature', path: PUBLIC_KEY_PATH, detail: 'not a public key' });
    }
  } else {
    problems.push({ kind: 'removed', path: PUBLIC_KEY_PATH, detail: 'the public key is missing' });
  }

  if (!manifestBytes) {
    problems.push({ kind: 'removed', path: MANIFEST_PATH, detail: 'the manifest is missing' });
    return { intact: false, fingerprint, manifest: null, checkedFiles: 0, problems };
  }
  if (!signature) {
    problems.push({ kind: 'removed', path: SIGNATURE_PATH, detail: 'the signature is missing' });
  } else if (
    publicKeyPem !== null &&
    !verifyManifestSignature(publicKeyPem, manifestBytes, signature)
  ) {
    problems.push({
      kind: 'signature',
      path: SIGNATURE_PATH,
      detail: 'the signature does not match manifest.json with the included public key',
    });
  }
  if (options.expectedFingerprint && fingerprint !== options.expectedFingerprint.toLowerCase()) {
    problems.push({
      kind: 'signature',
      path: PUBLIC_KEY_PATH,
      detail: `the key's fingerprint is ${fingerprint ?? 'unknown'}, not the expected ${options.expectedFingerprint}`,
    });
  }

  let manifest: PackManifest;
  try {
    manifest = packManifestSchema.parse(JSON.parse(manifestBytes.toString('utf8')));
  } catch (error) {
    problems.push({
      kind: 'manifest',
      path: MANIFEST_PATH,
      detail: `not a valid manifest: ${(error as Error).message.slice(0, 200)}`,
    });
    return { intact: false, fingerprint, manifest: null, checkedFiles: 0, problems };
  }
  if (fingerprint !== null && manifest.signingKey.fingerprint !== fingerprint) {
    problems.push({
      kind: 'signature',
      path: PUBLIC_KEY_PATH,
      detail: `the manifest names key ${manifest.signingKey.fingerprint}, the pack holds ${fingerprint}`,
    });
  }

  let checkedFiles = 0;
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const actual = seen.get(file.path);
    if (!actual) {
      problems.push({ kind: 'removed', path: file.path, detail: 'listed in the manifest, absent' });
      continue;
    }
    checkedFiles += 1;
    if (actual.size === -1) continue;
    if (actual.sha256 !== file.sha256 || actual.size !== file.size) {
      problems.push({
        kind: 'altered',
        path: file.path,
        detail: `expected ${file.size} bytes with SHA-256 ${file.sha256}, found ${actual.size} bytes with ${actual.sha256}`,
      });
    }
  }
  for (const name of seen.keys()) {
    if (!listed.has(name)) {
      problems.push({ kind: 'added', path: name, detail: 'not listed in the manifest' });
    }
  }
  const { framework, period, generatedAt, auditChain, auditCheckpoint } = manifest;
  return {
    intact: problems.length === 0,
    fingerprint,
    manifest: { framework, period, generatedAt, auditChain, auditCheckpoint },
    checkedFiles,
    problems,
  };
}
