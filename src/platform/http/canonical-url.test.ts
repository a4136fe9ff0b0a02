import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPath, canonicalRequestUrl } from './canonical-url.js';

describe('canonical request URL', () => {
  it.each([
    ['/api/v1/users', '/api/v1/users'],
    ['/%61pi/v1/users', '/api/v1/users'],
    ['/%41PI/v1/users', '/API/v1/users'],
    ['/api/v1/%7euser%2D%5f%2e', '/api/v1/~user-_.'],
    ['//api///v1/users', '/api/v1/users'],
    ['/api/v1/users/', '/api/v1/users'],
    ['/api/v1/./users', '/api/v1/users'],
    ['/api/v1/%2E/users', '/api/v1/users'],
    ['/api/v1/x/../users', '/api/v1/users'],
    ['/api/v1/x/%2e%2E/users', '/api/v1/users'],
    ['/../../api/v1/users', '/api/v1/users'],
    ['/', '/'],
    ['', ''],
    ['*', '*'],
  ])('%s → %s', (raw, canonical) => {
    expect(canonicalPath(raw)).toBe(canonical);
  });

  it('keeps reserved and other escapes as they were sent', () => {
    expect(canonicalPath('/api/v1/assets/a%2Fb')).toBe('/api/v1/assets/a%2Fb');
    expect(canonicalPath('/api/v1/assets/a%20b%00')).toBe('/api/v1/assets/a%20b%00');
    expect(canonicalPath('/api/v1/assets/%C3%A9')).toBe('/api/v1/assets/%C3%A9');
  });

  it('leaves the query string alone', () => {
    expect(canonicalRequestUrl('/%61pi//v1/users/?q=%61/../x&b=//')).toBe(
      '/api/v1/users?q=%61/../x&b=//',
    );
  });

  it('is idempotent and always yields one slash-separated path without dot segments', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('api', 'v1', '.', '..', '', '%2e', '%2E%2e', '%61', 'x', '%2F', 'A'),
        ),
        (segments) => {
          const once = canonicalPath(`/${segments.join('/')}`);
          expect(canonicalPath(once)).toBe(once);
          expect(once.startsWith('/')).toBe(true);
          expect(once === '/' || !once.endsWith('/')).toBe(true);
          expect(once.split('/').slice(1)).not.toContain('.');
          expect(once.split('/').slice(1)).not.toContain('..');
          expect(once).not.toContain('//');
        },
      ),
    );
  });
});
