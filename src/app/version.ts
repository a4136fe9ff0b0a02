import { readFileSync } from 'node:fs';

/** The package version, read once; the same relative path works from src/ and from dist/. */
export const PLUMBLINE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
