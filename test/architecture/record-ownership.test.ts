import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * One owner for each shared record capability (issue 11): e-signatures, evidence attachments and
 * occurrences are written by their own module and nowhere else, so a new record type signs, attaches
 * and satisfies through those modules' use cases instead of copying them. A copy would have to
 * write the table itself, and this check finds it.
 */
const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Places in a text that write a table: Kysely's builders or SQL written out. */
function tableWrites(text: string, table: string): number {
  const builder = new RegExp(
    String.raw`\b(?:insertInto|updateTable|deleteFrom|mergeInto)\(\s*['"\`]${table}(?:\s+as\s+\w+)?['"\`]`,
    'g',
  );
  const written = new RegExp(
    String.raw`\b(?:insert\s+into|update|delete\s+from|merge\s+into)\s+"?${table}"?(?:\s|$|\()`,
    'gi',
  );
  return (text.match(builder)?.length ?? 0) + (text.match(written)?.length ?? 0);
}

function writersOf(table: string): string[] {
  return sourceFiles(SRC)
    .filter((file) => tableWrites(fs.readFileSync(file, 'utf8'), table) > 0)
    .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
    .sort();
}

function moduleOf(file: string): string {
  const [area, name] = file.split('/');
  return area === 'modules' ? `modules/${name}` : area!;
}

describe('one owner for each shared record capability', () => {
  it('only the signatures module writes e-signatures', () => {
    const writers = writersOf('signatures');
    expect(writers.length).toBeGreaterThan(0);
    expect([...new Set(writers.map(moduleOf))]).toEqual(['modules/signatures']);
  });

  it('only the attachments module writes evidence attachments', () => {
    const writers = writersOf('evidence_attachments');
    expect(writers.length).toBeGreaterThan(0);
    expect([...new Set(writers.map(moduleOf))]).toEqual(['modules/attachments']);
  });

  it.each(['occurrences', 'occurrence_events'])(
    'only the occurrences module writes %s',
    (table) => {
      const writers = writersOf(table);
      expect(writers.length).toBeGreaterThan(0);
      expect([...new Set(writers.map(moduleOf))]).toEqual(['modules/occurrences']);
    },
  );

  it('records signature.created in one place, and signature.failed only there and at SSO re-authentication', () => {
    const auditing = (action: string) =>
      sourceFiles(SRC)
        .filter((file) => fs.readFileSync(file, 'utf8').includes(`action: '${action}'`))
        .map((file) => path.relative(SRC, file).split(path.sep).join('/'))
        .sort();
    expect(auditing('signature.created')).toEqual(['modules/signatures/sign-record.ts']);
    // The identity provider's answer is checked before there is anything to sign: its refusal is
    // the one signature.failed written outside the signing use case.
    expect(auditing('signature.failed')).toEqual([
      'modules/identity/finish-signing-reauthentication.ts',
      'modules/signatures/sign-record.ts',
    ]);
  });

  it('recognises a write however it is spelled (the check itself can fail)', () => {
    expect(tableWrites(`db.insertInto('signatures').values(row)`, 'signatures')).toBe(1);
    expect(tableWrites(`trx.updateTable('occurrences as o').set(x)`, 'occurrences')).toBe(1);
    expect(
      tableWrites('sql`delete from evidence_attachments where id = ${id}`', 'evidence_attachments'),
    ).toBe(1);
    expect(tableWrites('sql`UPDATE "occurrences" SET state = 1`', 'occurrences')).toBe(1);
    expect(tableWrites(`db.selectFrom('signatures').selectAll()`, 'signatures')).toBe(0);
    expect(tableWrites(`db.insertInto('signatures_archive')`, 'signatures')).toBe(0);
    expect(tableWrites(`sql\`update occurrence_state set x = 1\``, 'occurrences')).toBe(0);
  });
});
