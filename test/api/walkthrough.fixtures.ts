import { expect } from 'vitest';
import { raiseNonconformances } from '../../src/modules/nonconformances/raise-nonconformances.js';
import { recordOccurrenceEvent } from '../../src/modules/occurrences/record-occurrence-event.js';
import type { OccurrenceEventKind } from '../../src/modules/occurrences/occurrence-status.js';
import type { Actor } from '../../src/platform/audit/actor.js';
import { mutate } from '../../src/platform/audit/mutate.js';
import type { FixedClock } from '../../src/platform/clock.js';
import type { TestApp } from '../support/test-app.js';

const engineer: Actor = {
  type: 'user',
  id: null,
  label: 'engineer@example.test',
  role: 'engineering',
};
const quality: Actor = { type: 'user', id: null, label: 'quality@example.test', role: 'quality' };

/** The process walked, with a description that must come out escaped. */
export const PROCESS = {
  key: 'sterile-packing',
  name: 'Sterile packing & release',
  description: 'Packs <script>alert("x")</script> devices',
  ownerRole: 'quality',
  affectsConformity: true,
};

/**
 * March 2026 (Europe/Berlin) for a process depending on five assets, each with one planted
 * situation: ctl-pc fully evidenced (a critical patch done and verified); lab-pc done but never
 * verified; lab-net overdue at the end of March; lab-room with no record at all; lims, run by a
 * supplier whose only certificate expired mid-March, with a missed occurrence and the open
 * nonconformance it raised. Records in February and April frame the period. Ends on 5 April.
 */
export async function seedWalkthroughPeriod(t: TestApp, clock: FixedClock, admin: string) {
  const call = async (method: 'POST' | 'PATCH', url: string, body: unknown, status = 201) => {
    const response = await t.call(admin, method, url, body);
    expect(response.statusCode, response.body).toBe(status);
    return response;
  };
  const patchEvent = async (asset: string, at: string) => {
    clock.set(at);
    const response = await call('POST', '/api/v1/events', {
      type: 'critical-patch-released',
      asset,
      at,
    });
    return response.json<{ occurrenceIds: string[] }>().occurrenceIds[0]!;
  };
  const record = async (id: string, kind: OccurrenceEventKind, actor: Actor, at: string) => {
    clock.set(at);
    await mutate(t.ctx, actor, (tx) => recordOccurrenceEvent(tx, id, kind));
  };

  clock.set('2026-02-20T08:00:00Z');
  await call('POST', '/api/v1/suppliers', {
    key: 'labsoft',
    name: 'LabSoft GmbH',
    certifications: [{ name: 'ISO 27001', expiresOn: '2026-03-15' }],
  });
  const assets = [
    { key: 'ctl-pc', name: 'Control PC', category: 'endpoint' },
    { key: 'lab-pc', name: 'Lab PC', category: 'endpoint' },
    { key: 'lab-net', name: 'Lab network', category: 'network' },
    { key: 'lab-room', name: 'Clean room', category: 'facility' },
    {
      key: 'lims',
      name: 'LIMS',
      category: 'saas',
      thirdPartyManaged: true,
      supplierKey: 'labsoft',
    },
  ];
  await call('POST', '/api/v1/processes', PROCESS);
  for (const asset of assets) {
    await call('POST', '/api/v1/assets', {
      environment: 'corporate',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'public',
      ...asset,
    });
    await call('POST', '/api/v1/matrix', {
      processKey: PROCESS.key,
      assetKey: asset.key,
      conformityImpact: `Packing stops without ${asset.name}`,
      controlMethod: 'Patching within 72 hours',
      evidenceLocation: 'Plumbline work orders',
    });
  }
  // February: done and verified, before the period.
  const february = await patchEvent('ctl-pc', '2026-02-21T08:00:00Z');
  await record(february, 'completed', engineer, '2026-02-21T09:00:00Z');

  const limsMissed = await patchEvent('lims', '2026-03-02T08:00:00Z');
  const limsDone = await patchEvent('lims', '2026-03-03T09:00:00Z');
  await record(limsDone, 'completed', engineer, '2026-03-03T10:00:00Z');
  await record(limsDone, 'verified', quality, '2026-03-03T11:00:00Z');

  const ctlPc = await patchEvent('ctl-pc', '2026-03-05T09:00:00Z');
  await record(ctlPc, 'completed', engineer, '2026-03-05T10:00:00Z');
  await record(ctlPc, 'verified', quality, '2026-03-05T11:00:00Z');
  await call('PATCH', '/api/v1/assets/ctl-pc', { purpose: 'Runs the sealer' }, 200);

  const labPc = await patchEvent('lab-pc', '2026-03-10T09:00:00Z');
  await record(labPc, 'completed', engineer, '2026-03-10T10:00:00Z');

  clock.set('2026-03-13T09:00:00Z');
  const raised = await raiseNonconformances(t.ctx);
  expect(raised.raised).toHaveLength(1);

  const labNet = await patchEvent('lab-net', '2026-03-28T08:00:00Z');

  // April: after the period.
  await patchEvent('ctl-pc', '2026-04-02T09:00:00Z');
  await call('PATCH', '/api/v1/assets/ctl-pc', { purpose: 'Runs the sealer and the printer' }, 200);
  clock.set('2026-04-05T08:00:00Z');
  return { limsMissed, limsDone, ctlPc, labPc, labNet, february };
}
