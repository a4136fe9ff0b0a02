import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { catalogSchema, controlSchema, type CatalogControlInput } from './catalog.schema.js';
import { loadCatalogDir } from './load-catalog-dir.js';

const FRAMEWORK_FILE = `format: plumbline-catalog/v1
frameworks:
  - key: acme-pol
    title: Acme policy
    kind: internal
    issuer: Quality
    description: A small policy for tests.
    requirements:
      - key: acme-pol:1
        title: Patch things
        summary: Things get patched.
      - key: acme-pol:2
        title: Back things up
        summary: Things get backed up.
`;

const control = (
  overrides: string[] = [],
  cadence = ['frequency: monthly', 'startsOn: 2026-01-01'],
) =>
  [
    '  - key: patch-monthly',
    '    title: Monthly patching',
    '    theme: maintenance',
    '    objective: Patch every month.',
    '    ownerRole: engineering',
    '    cadence:',
    ...cadence.map((line) => `      ${line}`),
    '    evaluation:',
    '      mode: manual',
    '    evidenceExpected:',
    '      - kind: record',
    '        description: Closed work order.',
    '    requirements:',
    '      - acme-pol:1',
    ...overrides,
  ].join('\n');

const directories: string[] = [];
function catalogDir(files: Record<string, string>): string {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-catalog-'));
  directories.push(directory);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(directory, name)), { recursive: true });
    fs.writeFileSync(path.join(directory, name), text);
  }
  return directory;
}
afterEach(() => {
  for (const directory of directories.splice(0)) fs.rmSync(directory, { recursive: true });
});

async function problems(files: Record<string, string>): Promise<string[]> {
  const error = await loadCatalogDir(catalogDir(files)).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).message
    .split('\n')
    .slice(1)
    .map((line) => line.trim());
}

describe('loading a catalogue directory', () => {
  it('reads every YAML file below the directory into one catalogue', async () => {
    const { catalog, files } = await loadCatalogDir(
      catalogDir({
        'frameworks/acme.yaml': FRAMEWORK_FILE,
        'controls/maintenance.yml': `format: plumbline-catalog/v1\ncontrols:\n${control()}\n`,
        'notes.txt': 'not YAML, ignored',
      }),
    );
    expect(files).toEqual(['controls/maintenance.yml', 'frameworks/acme.yaml']);
    expect(catalog.frameworks.map((f) => f.key)).toEqual(['acme-pol']);
    expect(catalog.controls[0]).toMatchObject({
      key: 'patch-monthly',
      critical: false,
      perAsset: false,
      checklist: [],
      cadence: { frequency: 'monthly', startsOn: '2026-01-01' },
    });
  });

  it('treats an unknown tag, which YAML only warns about, as an error with file and line', async () => {
    const text = FRAMEWORK_FILE.replace('title: Acme policy', 'title: !vault acme-title');
    expect(await problems({ 'acme.yaml': text })).toEqual(['acme.yaml:4: Unresolved tag: !vault']);
  });

  it('rejects duplicate keys and several documents in one file', async () => {
    const duplicate = FRAMEWORK_FILE.replace(
      'kind: internal',
      'kind: internal\n    kind: external',
    );
    const lines = await problems({ 'a.yaml': duplicate, 'b.yaml': `${FRAMEWORK_FILE}---\n{}\n` });
    expect(lines).toEqual([
      expect.stringMatching(/^a\.yaml:6: Map keys must be unique/),
      expect.stringMatching(/^b\.yaml:\d+: Source contains multiple documents/),
    ]);
  });

  it('points a bad cadence at its file, line and field', async () => {
    const text = `format: plumbline-catalog/v1\ncontrols:\n${control([], ['frequency: fortnightly', 'startsOn: 2026-13-01'])}\n`;
    const lines = await problems({
      'frameworks/acme.yaml': FRAMEWORK_FILE,
      'controls/x.yaml': text,
    });
    expect(lines).toEqual([
      expect.stringMatching(
        /^controls\/x\.yaml:9 controls\[0\]\.cadence\.frequency: Invalid option/,
      ),
      'controls/x.yaml:10 controls[0].cadence.startsOn: must be a date as YYYY-MM-DD',
    ]);
  });

  it('names the file and line of a mapping to a requirement that does not exist', async () => {
    const text = `format: plumbline-catalog/v1\ncontrols:\n${control(['      - acme-pol:9'])}\n`;
    expect(
      await problems({ 'frameworks/acme.yaml': FRAMEWORK_FILE, 'controls/x.yaml': text }),
    ).toEqual([
      'controls/x.yaml:18 controls[0].requirements[1]: no requirement acme-pol:9 in the catalogue',
    ]);
  });

  it('reports a key defined in two files where the second one is', async () => {
    const text = `format: plumbline-catalog/v1\ncontrols:\n${control()}\n`;
    expect(
      await problems({ 'frameworks/acme.yaml': FRAMEWORK_FILE, 'a.yaml': text, 'b.yaml': text }),
    ).toEqual(['b.yaml:3 controls[0].key: patch-monthly is defined twice']);
  });

  it('rejects unknown fields, a missing format line and an empty directory', async () => {
    expect(
      await problems({
        'acme.yaml': FRAMEWORK_FILE.replace('kind: internal', 'kind: internal\n    owner: me'),
      }),
    ).toEqual(['acme.yaml:3 frameworks[0]: Unrecognized key: "owner"']);
    expect(await problems({ 'acme.yaml': FRAMEWORK_FILE.replace(/^format.*\n/, '') })).toEqual([
      'acme.yaml:1 format: must be plumbline-catalog/v1',
    ]);
    expect(await problems({})).toEqual(['.: holds no .yaml or .yml file']);
  });
});

describe('the catalogue schema', () => {
  const valid: CatalogControlInput = {
    key: 'patch-monthly',
    title: 'Monthly patching',
    theme: 'maintenance',
    objective: 'Patch every month.',
    ownerRole: 'engineering',
    cadence: { frequency: 'monthly', startsOn: '2026-01-01' },
    evaluation: { mode: 'manual' },
    evidenceExpected: [{ kind: 'record', description: 'Closed work order.' }],
    requirements: ['acme-pol:1'],
  };
  const issues = (candidate: unknown) => {
    const result = controlSchema.safeParse(candidate);
    return result.success
      ? []
      : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it('accepts a cadence control and an SLA control', () => {
    expect(issues(valid)).toEqual([]);
    expect(
      issues({
        ...valid,
        cadence: undefined,
        sla: { trigger: 'certificate-expiry', within: { before: 'expiry', lead: 'P30D' } },
      }),
    ).toEqual([]);
    expect(
      issues({
        ...valid,
        cadence: undefined,
        sla: { trigger: 'employee-departed', within: 'PT24H' },
      }),
    ).toEqual([]);
  });

  it('wants exactly one of cadence and sla', () => {
    expect(issues({ ...valid, sla: { trigger: 'role-changed', within: 'PT24H' } })).toEqual([
      'sla: give either a cadence or an sla, not both and not neither',
    ]);
    expect(issues({ ...valid, cadence: undefined })).toEqual([
      'cadence: give either a cadence or an sla, not both and not neither',
    ]);
  });

  it('checks the day of the period against the frequency', () => {
    const withDay = (frequency: string, dayOfPeriod: number) =>
      issues({ ...valid, cadence: { frequency, startsOn: '2026-01-01', dayOfPeriod } });
    expect(withDay('weekly', 7)).toEqual([]);
    expect(withDay('weekly', 8)).toEqual([
      'cadence.dayOfPeriod: must be at most 7 for a weekly cadence',
    ]);
    expect(withDay('quarterly', 93)).toEqual([
      'cadence.dayOfPeriod: must be at most 92 for a quarterly cadence',
    ]);
    expect(withDay('daily', 1)).toEqual([
      'cadence.dayOfPeriod: a daily cadence has no day of period',
    ]);
  });

  it('matches the SLA deadline form to its trigger', () => {
    const sla = (value: unknown) => issues({ ...valid, cadence: undefined, sla: value });
    expect(sla({ trigger: 'certificate-expiry', within: 'P30D' })).toEqual([
      'sla.within: certificate-expiry is measured back from expiry: use { before: expiry, lead: … }',
    ]);
    expect(sla({ trigger: 'critical-patch-released', within: { before: 'expiry' } })).toEqual([
      'sla.within.before: critical-patch-released carries no target instant: give a duration such as PT24H',
    ]);
    expect(sla({ trigger: 'change-requested', within: { before: 'expiry' } })).toEqual([
      'sla.within.before: change-requested carries implementation, not expiry',
    ]);
    expect(sla({ trigger: 'role-changed', within: 'PT0H' })).toEqual([
      'sla.within: must be longer than zero',
    ]);
    expect(sla({ trigger: 'role-changed', within: '24 hours' })).toEqual([
      'sla.within: must be an ISO 8601 duration such as PT72H, P1D or P30D',
    ]);
  });

  it('requires a scope for per-asset controls and an existing source for automatic ones', () => {
    expect(issues({ ...valid, perAsset: true })).toEqual([
      'scope: a per-asset control needs a scope (use {} for every asset in service)',
    ]);
    expect(issues({ ...valid, perAsset: true, scope: { categories: ['spaceship'] } })).toEqual([
      expect.stringMatching(/^scope\.categories\.0: Invalid option/),
    ]);
    expect(issues({ ...valid, evaluation: { mode: 'automatic', source: 'tea-leaves' } })).toEqual([
      expect.stringMatching(/^evaluation\.source: Invalid option/),
    ]);
  });

  it('keeps requirement keys inside their framework and unique across the catalogue', () => {
    const framework = {
      key: 'acme-pol',
      title: 'Acme policy',
      kind: 'internal',
      issuer: 'Quality',
      description: 'For tests.',
      requirements: [
        { key: 'acme-pol:1', title: 'One', summary: 'One.' },
        { key: 'other:2', title: 'Two', summary: 'Two.' },
        { key: 'acme-pol:1', title: 'Again', summary: 'Again.' },
      ],
    };
    const result = catalogSchema.safeParse({ frameworks: [framework], controls: [valid] });
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'frameworks.0.requirements.1.key: must start with "acme-pol:", the key of its framework',
      'frameworks.0.requirements.2.key: acme-pol:1 is defined twice',
    ]);
  });
});
