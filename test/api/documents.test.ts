import fs from 'node:fs';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DocumentDetail,
  DocumentSummary,
  ImportDocumentResult,
} from '../../src/modules/documents/document.schema.js';
import { applyEffectiveDates } from '../../src/modules/documents/apply-effective-dates.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { signedInPerson, type Person } from '../support/factory.js';

const FIXTURE = new URL('../fixtures/documents/sop-042-workspace.md', import.meta.url);
const QUIZ = new URL('../fixtures/documents/sop-042-workspace.quiz.yaml', import.meta.url);
const SOP = fs.readFileSync(FIXTURE, 'utf8');

/** The fixture under another id (each test its own document), optionally with edits. */
const sop = (id: string, edit: (text: string) => string = (text) => text) =>
  edit(SOP.replace('id: SOP-042', `id: ${id}`));

describe('controlled documents', () => {
  const clock = new FixedClock('2026-04-01T09:00:00Z');
  let t: TestApp;
  let quality: string;
  let engineer: Person;
  let reliability: Person;
  let lead: Person;
  let importer: Person;

  const importDoc = (body: Record<string, unknown>, as: string | Person = quality) =>
    typeof as === 'string'
      ? t.call(as, 'POST', '/api/v1/documents/import', body)
      : as.call('POST', '/api/v1/documents/import', body);
  const detail = async (key: string) =>
    (await t.call(quality, 'GET', `/api/v1/documents/${key}`)).json<DocumentDetail>();
  const sign = (person: Person, key: string, version: number, meaning: string) =>
    person.call('POST', `/api/v1/documents/${key}/versions/${version}/sign`, {
      meaning,
      password: TEST_PASSWORD,
    });
  /** Reviews by engineering and the reliability engineer, then the quality lead's approval. */
  async function reviewAndApprove(key: string, version: number): Promise<void> {
    expect((await sign(engineer, key, version, 'reviewed')).statusCode).toBe(200);
    expect((await sign(reliability, key, version, 'reviewed')).statusCode).toBe(200);
    const approved = await sign(lead, key, version, 'approved');
    expect(approved.statusCode, approved.body).toBe(200);
  }

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    quality = await t.tokenFor('quality');
    engineer = await signedInPerson(t, 'engineering');
    reliability = await signedInPerson(t, 'engineering', 'reliability@example.com');
    lead = await signedInPerson(t, 'quality', 'lead@example.com');
    importer = await signedInPerson(t, 'quality', 'importer@example.com');
    const mapped = await t.call(quality, 'PUT', '/api/v1/documents/signer-mappings/quality-lead', {
      emails: ['lead@example.com'],
    });
    expect(mapped.statusCode, mapped.body).toBe(200);
  });
  afterAll(() => t.close());

  it('imports a seed-format document: every field round-trips, unknown fields kept, unattested approval enters review', async () => {
    const response = await importDoc({ markdown: sop('SOP-100') });
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json<ImportDocumentResult>();
    expect(result).toMatchObject({
      received: 1,
      created: 1,
      alreadyRecorded: 0,
      key: 'SOP-100',
      version: 1,
      status: 'in_review',
    });
    expect(result.notes.join(' ')).toMatch(/not attested/);

    const document = await detail('SOP-100');
    const frontMatter = parse(/^---\n([\s\S]*?)\n---/.exec(sop('SOP-100'))![1]!) as object;
    expect(document.current.frontMatter).toEqual(frontMatter);
    expect(document.current.unknownFields).toEqual({ site_notes: 'kept as written' });
    expect(document.current).toMatchObject({
      title: 'Workspace and Hosting Upkeep',
      author: 'owner@example.com',
      reviewers: ['engineering', 'reliability@example.com'],
      approvers: ['quality-lead'],
      training: { requiredDepartments: ['Engineering', 'Security'], mode: 'quiz', dueDays: 30 },
      quizMissing: true,
      reviewDueOn: '2027-04-01',
    });
    expect(document.current.contentSha256).toBe(result.contentSha256);

    const again = await importDoc({ markdown: sop('SOP-100') });
    expect(again.statusCode).toBe(200);
    expect(again.json<ImportDocumentResult>()).toMatchObject({
      created: 0,
      alreadyRecorded: 1,
      version: 1,
    });
  });

  it('says which reviewer and approver names match nobody, and keeps the version in review until they are mapped', async () => {
    const result = (
      await importDoc({
        markdown: sop('SOP-101', (text) => text.replace('quality-lead', 'qa-board')),
      })
    ).json<ImportDocumentResult>();
    expect(result.unmappedNames).toEqual(['qa-board']);
    await sign(engineer, 'SOP-101', 1, 'reviewed');
    await sign(reliability, 'SOP-101', 1, 'reviewed');
    const refused = await sign(lead, 'SOP-101', 1, 'approved');
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().error.message).toMatch(/not among the approvers/);
    expect((await detail('SOP-101')).current.unmappedNames).toEqual(['qa-board']);
  });

  it('takes signatures in order: no approval before every review, then approval makes the version effective', async () => {
    await importDoc({ markdown: sop('SOP-102') });
    const early = await sign(lead, 'SOP-102', 1, 'approved');
    expect(early.statusCode).toBe(409);
    expect(early.json<ErrorBody>().error.message).toMatch(
      /no approval before the review of engineering, reliability@example.com/,
    );
    const wrongRole = await sign(engineer, 'SOP-102', 1, 'approved');
    expect(wrongRole.statusCode).toBe(409);

    await reviewAndApprove('SOP-102', 1);
    const document = await detail('SOP-102');
    expect(document.status).toBe('effective');
    expect(document.effectiveVersion).toBe(1);
    // One instant (the test clock) for all three: compared as a set.
    expect(document.current.signoffs.map((s) => [s.kind, s.name]).sort()).toEqual([
      ['approved', 'quality-lead'],
      ['reviewed', 'engineering'],
      ['reviewed', 'reliability@example.com'],
    ]);
    expect(document.history.map((event) => event.kind)).toEqual([
      'imported',
      'reviewed',
      'reviewed',
      'approved',
      'approved',
      'effective',
      'training',
    ]);
  });

  it('revises a document: changed content is the next version and supersedes the effective one when it takes effect', async () => {
    await importDoc({ markdown: sop('SOP-103') });
    await reviewAndApprove('SOP-103', 1);
    const revised = (
      await importDoc({ markdown: sop('SOP-103', (text) => `${text}\n5. Keep the list current\n`) })
    ).json<ImportDocumentResult>();
    expect(revised).toMatchObject({ created: 1, version: 2, status: 'in_review' });
    expect((await detail('SOP-103')).effectiveVersion).toBe(1);

    await reviewAndApprove('SOP-103', 2);
    const versions = (await t.call(quality, 'GET', '/api/v1/documents/SOP-103/versions')).json<{
      items: { version: number; status: string; supersededAt: string | null }[];
    }>().items;
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'effective'],
      [1, 'superseded'],
    ]);
    expect(versions[1]!.supersededAt).not.toBeNull();

    const lower = await importDoc({
      markdown: sop('SOP-103', (text) => text.replace('title:', 'version: 1\ntitle:')),
    });
    expect(lower.statusCode).toBe(400);
    expect(lower.json<ErrorBody>().error.issues).toEqual([
      { path: 'frontMatter.version', message: 'is 1; the current version of SOP-103 is 2' },
    ]);
  });

  it('keeps an imported approval only with the importer’s signature, and applies a later effective date on that day', async () => {
    const markdown = sop('SOP-104', (text) =>
      text.replace('title:', 'effective_date: 2026-04-03\ntitle:'),
    );
    const refused = await importDoc(
      { markdown, attestApproval: { note: 'Approved on paper', password: 'wrong password' } },
      importer,
    );
    expect(refused.statusCode).toBe(401);
    expect((await t.call(quality, 'GET', '/api/v1/documents/SOP-104')).statusCode).toBe(404);

    const response = await importDoc(
      {
        markdown,
        attestApproval: { note: 'Approved on paper 2026-03-30', password: TEST_PASSWORD },
      },
      importer,
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<ImportDocumentResult>().status).toBe('approved');
    const document = await detail('SOP-104');
    expect(document.current.approvalAttested).toMatchObject({
      signerLabel: importer.signerLabel,
      note: 'Approved on paper 2026-03-30',
    });

    clock.set('2026-04-03T08:00:00Z');
    try {
      expect(await applyEffectiveDates(t.ctx)).toBeGreaterThanOrEqual(1);
      expect((await detail('SOP-104')).status).toBe('effective');
    } finally {
      clock.set('2026-04-01T09:00:00Z');
    }
  });

  it('refuses bad input naming the field, storing nothing', async () => {
    const before = (await t.call(quality, 'GET', '/api/v1/documents?limit=1000')).json<{
      items: DocumentSummary[];
    }>().items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ markdown: '---\nid: [unclosed\n---\n# x' }, 'frontMatter line'],
      [{ markdown: sop('SOP-105', (text) => text.replace('id: SOP-105\n', '')) }, 'frontMatter.id'],
      [{ markdown: '# No front matter' }, 'frontMatter'],
      [
        {
          markdown: sop('SOP-106'),
          quizYaml: fs.readFileSync(QUIZ, 'utf8').replace('answer: Every month', 'answer: Weekly'),
        },
        'quiz.questions.0.answer',
      ],
      [
        {
          markdown: sop('SOP-107', (text) => text.replace('status: approved', 'status: obsolete')),
        },
        'frontMatter.status',
      ],
    ];
    for (const [body, path] of cases) {
      const response = await importDoc(body);
      expect(response.statusCode, response.body).toBe(400);
      const issues = response.json<ErrorBody>().error.issues ?? [];
      expect(
        issues.some((issue) => issue.path.startsWith(path)),
        JSON.stringify(issues),
      ).toBe(true);
    }
    const after = (await t.call(quality, 'GET', '/api/v1/documents?limit=1000')).json<{
      items: DocumentSummary[];
    }>().items.length;
    expect(after).toBe(before);
  });

  it('renders the text as HTML with every piece of markup from the file escaped', async () => {
    await importDoc({ markdown: sop('SOP-108') });
    const body = (await t.call(quality, 'GET', '/api/v1/documents/SOP-108/versions/1/body')).json<{
      html: string;
    }>();
    expect(body.html).toContain('<h1>SOP-042: Workspace and Hosting Upkeep</h1>');
    expect(body.html).toContain('<strong>fit for purpose</strong>');
    expect(body.html).toContain('<th>Word</th>');
    expect(body.html).toContain('<a href="https://example.com/runbook">runbook</a>');
    expect(body.html).toContain('<code>72h</code>');
    expect(body.html).not.toContain('<script>');
    expect(body.html).toContain('&lt;script&gt;');
    const printable = await t.call(
      quality,
      'GET',
      '/api/v1/documents/SOP-108/versions/1/printable',
    );
    expect(printable.statusCode).toBe(200);
    expect(printable.body).toContain('Approval');
    expect(printable.body).not.toContain('<script>alert');
  });
});
