import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  createSealer,
  deriveFileKey,
  readSealedFile,
  replaceWithSealed,
  resealFile,
  verifySealedFile,
  type Sealer,
} from '../crypto/sealed-file.js';
import { evidenceCorrupt } from './evidence-store.js';
import { notFound } from '../errors.js';

/** File layout: this magic line, then a sealed file (platform/crypto/sealed-file.ts). */
export const PACK_FILE_MAGIC = Buffer.from('PLPK1\n');
/** How a zip written by a version that kept packs in clear begins (a local file header). */
const PLAIN_ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
const PACK_NAME = /^([0-9a-f-]{36})\.zip$/;

export function derivePackKey(instanceKey: Buffer): Buffer {
  return deriveFileKey(instanceKey, 'plumbline/evidence-packs/v1');
}

/**
 * Finished packs at rest, `<data dir>/packs/<id>.zip`, encrypted like evidence files (AES-256-GCM
 * under a key derived from the instance key). The zip is sealed as it is written and decrypted
 * only for a download, after the whole file has authenticated.
 */
export interface PackStorage {
  /** Where the pack is kept (encrypted). */
  pathOf(id: string): string;
  /** Encrypts a pack as the zip writer produces it. */
  sealer(): Sealer;
  /**
   * The decrypted zip: authenticated to its end before this resolves (`evidence_corrupt`
   * otherwise, `not_found` when the file is gone), then read again as it is sent.
   */
  open(id: string): Promise<Readable>;
  /** The decrypted zip, read once, unverified until its end (the iteration throws then). */
  chunks(id: string): AsyncIterable<Buffer>;
  /** Ids of the packs on disk. */
  ids(): Promise<string[]>;
  /** Whether the pack was left in clear by an earlier version. */
  isPlain(id: string): Promise<boolean>;
  /** Encrypts a pack left in clear, in place (temporary file, then an atomic rename). */
  sealPlain(id: string): Promise<void>;
  /** Re-encrypts a pack under another instance key (key rotation). */
  reseal(id: string, toInstanceKey: Buffer): Promise<void>;
}

export function createPackStorage(options: { dataDir: string; instanceKey: Buffer }): PackStorage {
  const dir = path.join(options.dataDir, 'packs');
  const key = derivePackKey(options.instanceKey);
  const pathOf = (id: string) => {
    if (!PACK_NAME.test(`${id}.zip`)) throw new Error('Malformed pack id');
    return path.join(dir, `${id}.zip`);
  };
  const isPlain = async (id: string) => {
    const handle = await fs.promises.open(pathOf(id), 'r');
    try {
      const head = Buffer.alloc(PLAIN_ZIP_MAGIC.length);
      await handle.read(head, 0, head.length, 0);
      return head.equals(PLAIN_ZIP_MAGIC);
    } finally {
      await handle.close();
    }
  };
  return {
    pathOf,
    sealer: () => createSealer(key, PACK_FILE_MAGIC),
    chunks: (id) => readSealedFile(pathOf(id), key, PACK_FILE_MAGIC),
    async open(id) {
      const filePath = pathOf(id);
      if (!fs.existsSync(filePath)) throw notFound('Evidence pack file');
      // A pack left in clear by an earlier version until the runner seals it (at start).
      if (await isPlain(id)) return fs.createReadStream(filePath);
      try {
        await verifySealedFile(filePath, key, PACK_FILE_MAGIC);
      } catch (error) {
        throw evidenceCorrupt(error);
      }
      return Readable.from(readSealedFile(filePath, key, PACK_FILE_MAGIC));
    },
    async ids() {
      const names = await fs.promises.readdir(dir).catch(() => []);
      return names.flatMap((name) => PACK_NAME.exec(name)?.[1] ?? []).sort();
    },
    isPlain,
    sealPlain: (id) =>
      replaceWithSealed(
        pathOf(id),
        fs.createReadStream(pathOf(id)) as AsyncIterable<Buffer>,
        key,
        PACK_FILE_MAGIC,
      ),
    reseal: (id, toInstanceKey) =>
      resealFile(pathOf(id), key, derivePackKey(toInstanceKey), PACK_FILE_MAGIC),
  };
}
