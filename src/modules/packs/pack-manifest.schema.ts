import { z } from 'zod';
import { auditCheckpointSchema } from '../audit-log/audit-checkpoint.schema.js';

/** The format tag of manifest.json; a verifier refuses a manifest of a format it does not know. */
export const PACK_FORMAT = 'plumbline-evidence-pack/v1';

/** Names the manifest itself cannot list: they are written after it, from it. */
export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.sig';
export const PUBLIC_KEY_PATH = 'public-key.pem';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

export const manifestFileSchema = z.object({
  path: z.string().min(1),
  sha256: sha256Hex,
  size: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof manifestFileSchema>;

/**
 * manifest.json: what the pack holds and how it was produced. Signed as the exact bytes stored in
 * the pack (manifest.sig, raw 64-byte Ed25519 signature), so any change to it breaks the signature.
 */
export const packManifestSchema = z.object({
  format: z.literal(PACK_FORMAT),
  framework: z.object({ key: z.string(), title: z.string() }),
  period: z.object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    start: z.string().describe('First instant of the period (UTC)'),
    end: z.string().describe('First instant after the period (UTC)'),
    asOf: z.string().describe('Records counted as they stood at this instant'),
  }),
  generator: z.object({ name: z.literal('plumbline'), version: z.string() }),
  generatedAt: z.string(),
  auditChain: z.object({
    valid: z.boolean(),
    eventCount: z.number().int().nonnegative(),
    headHash: z.string(),
  }),
  auditCheckpoint: auditCheckpointSchema
    .optional()
    .describe(
      'A signed head of the audit chain taken for this pack: whoever keeps the pack can later check that no event up to it was removed (`plumbline audit verify --checkpoint manifest.json`). Absent in packs made before checkpoints existed',
    ),
  signingKey: z.object({
    algorithm: z.literal('Ed25519'),
    fingerprint: sha256Hex.describe('SHA-256 of the DER (SPKI) public key'),
    publicKeyPath: z.literal(PUBLIC_KEY_PATH),
  }),
  files: z.array(manifestFileSchema),
});
export type PackManifest = z.infer<typeof packManifestSchema>;
