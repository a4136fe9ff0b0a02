import { describe, expect, it } from 'vitest';
import { dependencyGaps, type DependencyRecords } from './walkthrough-gaps.js';

const rules = { supplierReviewControls: new Set(['third-party-service-review-annual']) };

function records(overrides: Partial<DependencyRecords> = {}): DependencyRecords {
  return {
    asset: {
      key: 'db-1',
      name: 'Database',
      category: 'database',
      criticality: 'high',
      ownerRole: 'engineering',
      lifecycleStatus: 'in-service',
      thirdPartyManaged: false,
    },
    conformityImpact: 'Batch records are lost',
    controlMethod: 'Daily backups',
    systemOfRecord: 'Backup tool',
    supplier: null,
    maintenance: [],
    changes: [],
    changeRecords: [],
    nonconformances: [],
    incidents: [],
    backups: null,
    ...overrides,
  };
}

const backups = (succeeded: number, total: number): NonNullable<DependencyRecords['backups']> => ({
  policySource: 'default:production-data',
  runs: { total, succeeded, failed: total - succeeded },
  lastSuccessAt: null,
  incidents: [],
  restoreTests: [],
  drExercises: [],
});

const review = (status: 'verified' | 'due') => ({
  controlKey: 'third-party-service-review-annual',
  controlTitle: 'Annual third-party service review',
  periodKey: '2026',
  dueAt: '2026-03-31T22:00:00.000Z',
  status,
  completedAt: null,
  performer: null,
  verifiedAt: null,
  verifier: null,
  evidenceCount: 0,
  exceptions: [],
  lateEvidence: false,
  changeControl: false,
});

const kinds = (input: DependencyRecords) => dependencyGaps(input, rules).map((gap) => gap.kind);

describe('walkthrough gaps', () => {
  it('flags a backup policy without a successful run; failed runs are no evidence', () => {
    expect(kinds(records({ backups: backups(0, 3) }))).toEqual([
      'no_evidence',
      'backup_without_success',
    ]);
    expect(kinds(records({ backups: backups(0, 0) }))).toEqual([
      'no_evidence',
      'backup_without_success',
    ]);
    expect(kinds(records({ backups: backups(2, 3) }))).toEqual([]);
  });

  it('accepts a completed supplier review as service evidence when no certificate is valid', () => {
    const managed = {
      asset: { ...records().asset, thirdPartyManaged: true },
      supplier: {
        key: 'acme',
        name: 'Acme',
        certifications: [{ name: 'SOC 2', expiresOn: '2026-01-31', validAtPeriodEnd: false }],
      },
    };
    expect(kinds(records({ ...managed, maintenance: [review('verified')] }))).toEqual([]);
    const gaps = dependencyGaps(records({ ...managed, maintenance: [review('due')] }), rules);
    expect(gaps).toMatchObject([
      { kind: 'no_evidence' },
      { kind: 'third_party_without_service_evidence', reference: 'acme' },
    ]);
    expect(gaps[1]!.message).toContain('SOC 2 expired 2026-01-31');
  });

  it('names a third-party managed asset without a supplier, and a certificate without expiry is valid', () => {
    const asset = { ...records().asset, thirdPartyManaged: true };
    expect(
      dependencyGaps(records({ asset, backups: backups(1, 1) }), rules).map((gap) => gap.reference),
    ).toEqual(['db-1']);
    expect(
      kinds(
        records({
          asset,
          backups: backups(1, 1),
          supplier: {
            key: 'acme',
            name: 'Acme',
            certifications: [{ name: 'ISO 27001', expiresOn: null, validAtPeriodEnd: true }],
          },
        }),
      ),
    ).toEqual([]);
  });

  it('flags unverified restore tests and nonconformances still open at the end of the period only', () => {
    const nc = {
      number: 'NC-0002',
      title: 'Restore too slow',
      sourceType: 'restore-test',
      deficiency: true,
      status: 'closed',
      raisedAt: '2026-03-10T00:00:00.000Z',
      closedAt: '2026-04-02T00:00:00.000Z',
    };
    const input = records({
      backups: {
        ...backups(1, 1),
        restoreTests: [
          {
            number: 'RT-0001',
            startedAt: '2026-03-09T00:00:00.000Z',
            outcome: 'fail',
            status: 'recorded',
            performer: 'eve@example.test',
            verifier: null,
          },
        ],
      },
      nonconformances: [
        { ...nc, openAtPeriodEnd: true },
        { ...nc, number: 'NC-0001', closedAt: '2026-03-20T00:00:00.000Z', openAtPeriodEnd: false },
      ],
    });
    expect(
      dependencyGaps(input, rules).map(({ kind, reference }) => `${kind}:${reference}`),
    ).toEqual(['unverified_closeout:RT-0001', 'open_nonconformance:NC-0002']);
  });
  it('flags an incident whose conformity decision was late or missing, and no other', () => {
    const incident = (number: string, decision: string | null, decisionOnTime: boolean | null) => ({
      number,
      title: 'Sensor offline',
      severity: 'major',
      detectedAt: '2026-03-02T09:00:00.000Z',
      statusAtEnd: 'open',
      decision,
      decisionOnTime,
      nonconformance: null,
    });
    const gaps = dependencyGaps(
      records({
        maintenance: [],
        backups: backups(1, 1),
        incidents: [
          incident('INC-0001', null, false),
          incident('INC-0002', 'no-impact', false),
          incident('INC-0003', 'impact', true),
          incident('INC-0004', null, null),
        ],
      }),
      rules,
    );
    expect(gaps.map(({ kind, reference }) => ({ kind, reference }))).toEqual([
      { kind: 'undecided_incident', reference: 'INC-0001' },
      { kind: 'undecided_incident', reference: 'INC-0002' },
    ]);
    expect(gaps[0]!.message).toMatch(/no conformity decision/);
    expect(gaps[1]!.message).toMatch(/signed after it was due/);
  });
});
