/**
 * One spelling per path, before the router sees it.
 *
 * RFC 3986 makes several spellings of a path mean the same resource: a percent-encoded unreserved
 * character is that character (6.2.2.2), and `.` / `..` segments are removed (5.2.4). We also
 * treat `//` as `/` and drop a trailing slash. The router then matches one spelling only, so a
 * route, its access rule and its answer are the same whichever way a client wrote the path.
 * Letter case is handled by the router (case-insensitive on the routes' fixed segments, while
 * parameter values keep the case they were sent in).
 *
 * Characters that are not unreserved (`%2F`, `%3F`, `%20`, …) stay encoded: they are data inside a
 * segment, and decoding `%2F` would create a segment boundary the client did not write.
 */
export function canonicalRequestUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const rawPath = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt);
  return canonicalPath(rawPath) + query;
}

const ENCODED_UNRESERVED = /%(?:[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9]|2[Dd]|2[Ee]|5[Ff]|7[Ee])/g;

/** The path with unreserved escapes decoded, dot segments removed and slashes normalised. */
export function canonicalPath(path: string): string {
  // Only origin-form paths are rewritten; anything else (`*`, absolute-form) is left to the router.
  if (!path.startsWith('/')) return path;
  const decoded = path.replace(ENCODED_UNRESERVED, (escape) =>
    String.fromCharCode(Number.parseInt(escape.slice(1), 16)),
  );
  const output: string[] = [];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      output.pop();
      continue;
    }
    output.push(segment);
  }
  return `/${output.join('/')}`;
}
