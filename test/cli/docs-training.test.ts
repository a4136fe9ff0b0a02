import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/platform/clock.js';
import { signedInPerson } from '../support/factory.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { plumbline } from './cli-harness.js';

const SOP_FILE = fileURLToPath(
  new URL('../fixtures/documents/sop-042-workspace.md', import.meta.url),
);
const DAY = 86_400_000;

describe('plumbline docs and training', () => {
  const clock = new FixedClock('2026-06-01T09:00:00Z');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-docs-'));
  let t: TestApp;
  let url: string;
  let quality: string;
  let engineering: string;
  const as = (token: string, ...argv: string[]) =>
    plumbline(['--url', url, '--token', token, ...argv]);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    quality = await t.tokenFor('quality');
    engineering = await t.tokenFor('engineering');
    // People of the Engineering department: the reviewer name "engineering" and the trainees.
    await t.createUser('engineering');
    await t.createUser('engineering');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a document with its sibling quiz, and the same file again as already recorded', async () => {
    const first = await as(quality, 'docs', 'import', SOP_FILE);
    expect(first.code, first.stderr).toBe(0);
    // Approved in the file but not attested: it enters review.
    expect(first.stdout).toMatch(/^Imported SOP-042 v1 \(in_review\)\.\n/);
    const again = await as(quality, '--json', 'docs', 'import', SOP_FILE);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      created: 0,
      alreadyRecorded: 1,
      key: 'SOP-042',
      version: 1,
      unmappedNames: ['reliability@example.com', 'quality-lead'],
    });
  });

  it('refuses a file without an id, naming the field, and stores nothing', async () => {
    const file = path.join(dir, 'no-id.md');
    fs.writeFileSync(file, '---\ntitle: Nameless\napprovers: [quality]\n---\n\nText\n');
    const refused = await as(quality, 'docs', 'import', file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('frontMatter.id');
    const missing = await as(quality, 'docs', 'import', path.join(dir, 'nope.md'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Cannot read the document /);
    const listed = await as(quality, '--json', 'docs', 'list');
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((row) => row.id)).toEqual([
      'SOP-042',
    ]);
  });

  it('lists documents as JSON with id, version and status, and shows one', async () => {
    const listed = await as(engineering, '--json', 'docs', 'list');
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id: 'SOP-042', version: 1, status: 'in_review' }),
    ]);
    const shown = await as(engineering, 'docs', 'show', 'SOP-042');
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('SOP-042 v1 Workspace and Hosting Upkeep');
    expect(shown.stdout).toContain(
      'unmapped names (map them in the settings): reliability@example.com, quality-lead',
    );
    expect(shown.stdout).toContain('training: Engineering, Security, quiz, due in 30 days');
    const unknown = await as(engineering, 'docs', 'show', 'SOP-999');
    expect(unknown.code).toBe(3);
  });

  it('lists the training register and the overdue training of an effective document', async () => {
    const importer = await signedInPerson(t, 'quality');
    const imported = await importer.call('POST', '/api/v1/documents/import', {
      markdown: fs.readFileSync(SOP_FILE, 'utf8').replace('id: SOP-042', 'id: SOP-043'),
      attestApproval: { note: 'Approved on paper', password: TEST_PASSWORD },
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const register = await as(quality, '--json', 'training', 'list', '--document', 'SOP-043');
    expect(register.code, register.stderr).toBe(0);
    const rows = JSON.parse(register.stdout) as { person: string; state: string }[];
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.state === 'open')).toBe(true);
    const none = await as(quality, '--json', 'training', 'list', '--overdue');
    expect(JSON.parse(none.stdout)).toEqual([]);

    const start = clock.now();
    try {
      clock.set(new Date(start.getTime() + 31 * DAY).toISOString());
      const overdue = await as(quality, 'training', 'list', '--overdue');
      expect(overdue.code, overdue.stderr).toBe(0);
      expect(overdue.stdout).toMatch(/^PERSON\s+DOCUMENT\s+VERSION\s+STATE/);
      expect(overdue.stdout.match(/SOP-043\s+1\s+overdue/g)).toHaveLength(rows.length);
    } finally {
      clock.set(start.toISOString());
    }
    // The register is Quality's: an engineer reads only their own training.
    const refused = await as(engineering, 'training', 'list');
    expect(refused.code).toBe(3);
  });
});
