import { describe, expect, it } from 'vitest';
import { oscalControlId, stableUuid, uuidV5 } from './oscal-identifiers.js';

describe('OSCAL identifiers', () => {
  it('derives RFC 4122 version 5 UUIDs', () => {
    // The RFC's DNS namespace and a well-known name, as computed by other implementations.
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives the same UUID for the same name, and a different one for another', () => {
    expect(stableUuid('component/a')).toBe(stableUuid('component/a'));
    expect(stableUuid('component/a')).not.toBe(stableUuid('component/b'));
    expect(stableUuid('component/a')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('turns requirement keys into OSCAL control-id tokens one to one', () => {
    expect(oscalControlId('iso9001:7.1.3')).toBe('iso9001_7.1.3');
    expect(oscalControlId('sop-018:5.3-os-patching')).toBe('sop-018_5.3-os-patching');
    expect(oscalControlId('9001:4.1')).toBe('_9001_4.1');
  });
});
