import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Test files run with `isolate: false` (vitest.config.ts): files of one worker share its modules
 * and its process. What one file changes in them would leak into the next file, so none may.
 */
const LEAKS_INTO_THE_NEXT_FILE: [RegExp, string][] = [
  [/\bvi\.(mock|doMock|hoisted)\(/, 'mocks a module'],
  [/\bvi\.stub(Global|Env)\(/, 'stubs a global or the environment'],
  [/\bvi\.useFakeTimers\(/, 'fakes timers'],
  [/\bprocess\.env\.[A-Z_]+\s*=[^=]/, 'assigns to process.env'],
  [/\bdelete process\.env\./, 'deletes from process.env'],
];

function testFilesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFilesUnder(file);
    return /\.(test|fixtures)\.ts$/.test(entry.name) || directory.endsWith('support') ? [file] : [];
  });
}

describe('test files that share a worker', () => {
  it('neither mock modules, stub globals, fake timers nor change the environment', () => {
    const files = [
      ...testFilesUnder(path.join(ROOT, 'src')),
      ...testFilesUnder(path.join(ROOT, 'test')),
    ].filter((file) => file !== fileURLToPath(import.meta.url));
    expect(files.length).toBeGreaterThan(100);
    const offences = files.flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return LEAKS_INTO_THE_NEXT_FILE.filter(([pattern]) => pattern.test(text)).map(
        ([, what]) => `${path.relative(ROOT, file)} ${what}`,
      );
    });
    expect(offences).toEqual([]);
  });
});
