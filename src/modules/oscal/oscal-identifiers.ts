import { createHash } from 'node:crypto';

/**
 * The fixed namespace of every UUID Plumbline derives for OSCAL (RFC 4122 version 5). Never change
 * it: the same records must keep the same UUIDs across exports, releases and instances.
 */
export const PLUMBLINE_OSCAL_NAMESPACE = '5b0f9c1e-8d3a-5e4b-9a27-6c1d2e3f4a5b';

/** RFC 4122 version 5 UUID: SHA-1 of the namespace's 16 bytes and the name's UTF-8 bytes. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A name-based UUID (version 5: SHA-1 of the namespace and the name). OSCAL wants UUIDs that stay
 * put for the same object; deriving them from a record's id (or another stable, unique name) means
 * exporting the same period twice gives the same document, byte for byte, apart from metadata
 * timestamps, without storing any mapping.
 */
export const stableUuid = (name: string): string => uuidV5(PLUMBLINE_OSCAL_NAMESPACE, name);

/** The UUIDs of an asset in every model, so documents exported separately cross-reference. */
export const assetComponentUuid = (assetId: string): string => stableUuid(`component/${assetId}`);
export const assetInventoryItemUuid = (assetId: string): string =>
  stableUuid(`inventory-item/${assetId}`);

/**
 * An OSCAL control-id (a token: a letter or underscore, then letters, digits, `.`, `-`, `_`) for a
 * requirement key such as `iso9001:7.1.3`. Requirement keys never contain `_`, so `:` → `_` is
 * one-to-one: `iso9001_7.1.3`. A framework key starting with a digit gets a leading `_`.
 */
export function oscalControlId(requirementKey: string): string {
  const token = requirementKey.replace(/[^\p{L}\p{N}._-]/gu, '_');
  return /^[\p{L}_]/u.test(token) ? token : `_${token}`;
}
