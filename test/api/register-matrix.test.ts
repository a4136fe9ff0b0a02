import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEventView } from '../../src/modules/audit-log/audit-log.schema.js';
import type { MatrixRowView, ProcessView } from '../../src/modules/register/process.schema.js';
import type { AuditChainReport } from '../../src/platform/audit/verify-audit-chain.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const MATRIX_CSV_HEADER =
  'process_key,process_name,process_owner_role,affects_conformity,asset_key,asset_name,asset_criticality,third_party_managed,conformity_impact,control_method,evidence_location';

/** Each test starts from a register of its own and takes the steps it needs itself. */
describe('processes and the process-to-infrastructure matrix', () => {
  let t: TestApp;
  let admin: string;
  let quality: string;
  let auditor: string;

  async function createAsset(key: string, name: string, thirdPartyManaged = false) {
    const response = await t.call(quality, 'POST', '/api/v1/assets', {
      key,
      name,
      category: 'application',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'high',
      criticalityRationale: 'Production depends on it',
      dataClassification: 'confidential',
      thirdPartyManaged,
    });
    expect(response.statusCode).toBe(201);
  }

  async function link(processKey: string, assetKey: string, conformityImpact: string) {
    return t.call(quality, 'POST', '/api/v1/matrix', {
      processKey,
      assetKey,
      conformityImpact,
      controlMethod: 'Monitoring and monthly patching',
      evidenceLocation: 'Plumbline',
    });
  }

  async function auditEvents(query: string): Promise<AuditEventView[]> {
    const response = await t.call(auditor, 'GET', `/api/v1/audit/events?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<{ items: AuditEventView[] }>().items;
  }

  beforeEach(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    quality = await t.tokenFor('quality');
    auditor = await t.tokenFor('auditor');
    await createAsset('erp', 'ERP system');
    await createAsset('lims', 'Laboratory information system', true);
  });
  afterEach(() => t.close());

  /** Batch release (quality, affects conformity) and order entry (engineering). */
  async function createProcesses(): Promise<void> {
    for (const body of [
      {
        key: 'batch-release',
        name: 'Batch release',
        description: 'QA releases each batch',
        ownerRole: 'quality',
        affectsConformity: true,
      },
      {
        key: 'order-entry',
        name: 'Order entry',
        ownerRole: 'engineering',
        affectsConformity: false,
      },
    ]) {
      expect((await t.call(quality, 'POST', '/api/v1/processes', body)).statusCode).toBe(201);
    }
  }

  describe('processes', () => {
    it('creates a process with no assets yet', async () => {
      const response = await t.call(quality, 'POST', '/api/v1/processes', {
        key: 'batch-release',
        name: 'Batch release',
        description: 'QA releases each batch',
        ownerRole: 'quality',
        affectsConformity: true,
      });
      expect(response.statusCode).toBe(201);
      expect(response.json<ProcessView>()).toMatchObject({
        key: 'batch-release',
        name: 'Batch release',
        description: 'QA releases each batch',
        ownerRole: 'quality',
        affectsConformity: true,
        assetCount: 0,
      });
      const second = await t.call(quality, 'POST', '/api/v1/processes', {
        key: 'order-entry',
        name: 'Order entry',
        ownerRole: 'engineering',
        affectsConformity: false,
      });
      expect(second.statusCode).toBe(201);
    });

    it('refuses a duplicate process key', async () => {
      await createProcesses();
      const response = await t.call(quality, 'POST', '/api/v1/processes', {
        key: 'batch-release',
        name: 'Again',
        ownerRole: 'quality',
        affectsConformity: true,
      });
      expect(response.statusCode).toBe(409);
      expect(response.json<ErrorBody>().error.issues).toEqual([
        { path: 'body.key', message: 'is already used' },
      ]);
    });

    it('changes only the named fields of a process', async () => {
      await createProcesses();
      const response = await t.call(quality, 'PATCH', '/api/v1/processes/batch-release', {
        name: 'Batch release (QP)',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json<ProcessView>()).toMatchObject({
        name: 'Batch release (QP)',
        description: 'QA releases each batch',
        affectsConformity: true,
      });
    });
  });

  describe('matrix rows', () => {
    beforeEach(async () => {
      await createProcesses();
      const renamed = await t.call(quality, 'PATCH', '/api/v1/processes/batch-release', {
        name: 'Batch release (QP)',
      });
      expect(renamed.statusCode).toBe(200);
    });

    /** erp and lims behind batch release, erp behind order entry; answers the erp row. */
    async function linkAll(): Promise<MatrixRowView> {
      const response = await link('batch-release', 'erp', 'Batches cannot be released');
      expect(response.statusCode).toBe(201);
      expect((await link('batch-release', 'lims', 'No test results')).statusCode).toBe(201);
      expect((await link('order-entry', 'erp', 'Orders cannot be taken')).statusCode).toBe(201);
      return response.json<MatrixRowView>();
    }

    it('links an asset to a process and shows both sides', async () => {
      const response = await link('batch-release', 'erp', 'Batches cannot be released');
      expect(response.statusCode).toBe(201);
      const erpRow = response.json<MatrixRowView>();
      expect(erpRow).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
        processKey: 'batch-release',
        processName: 'Batch release (QP)',
        processOwnerRole: 'quality',
        affectsConformity: true,
        assetKey: 'erp',
        assetName: 'ERP system',
        assetCategory: 'application',
        assetCriticality: 'high',
        assetOwnerRole: 'engineering',
        thirdPartyManaged: false,
        conformityImpact: 'Batches cannot be released',
        controlMethod: 'Monitoring and monthly patching',
        evidenceLocation: 'Plumbline',
      });
      expect((await link('batch-release', 'lims', 'No test results')).statusCode).toBe(201);
      expect((await link('order-entry', 'erp', 'Orders cannot be taken')).statusCode).toBe(201);
    });

    it('refuses to link the same asset to the same process twice', async () => {
      await linkAll();
      const response = await link('batch-release', 'erp', 'Again');
      expect(response.statusCode).toBe(409);
      expect(response.json<ErrorBody>().error.code).toBe('conflict');
    });

    it('names both unknown keys when neither process nor asset exists', async () => {
      const response = await link('no-process', 'no-asset', 'Nothing');
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.issues).toEqual([
        { path: 'body.processKey', message: 'no process with key no-process' },
        { path: 'body.assetKey', message: 'no asset with key no-asset' },
      ]);
    });

    it('shows the matrix from one process and from one asset', async () => {
      await linkAll();
      const byProcess = await t.call(auditor, 'GET', '/api/v1/matrix?process=batch-release');
      expect(byProcess.statusCode).toBe(200);
      expect(byProcess.json<{ items: MatrixRowView[] }>().items.map((row) => row.assetKey)).toEqual(
        ['erp', 'lims'],
      );
      const byAsset = await t.call(auditor, 'GET', '/api/v1/matrix?asset=erp');
      expect(byAsset.json<{ items: MatrixRowView[] }>().items.map((row) => row.processKey)).toEqual(
        ['batch-release', 'order-entry'],
      );
      const process = await t.call(auditor, 'GET', '/api/v1/processes/batch-release');
      expect(process.json<ProcessView>().assetCount).toBe(2);
    });

    it('changes a row and records before and after', async () => {
      const erpRow = await linkAll();
      const response = await t.call(quality, 'PATCH', `/api/v1/matrix/${erpRow.id}`, {
        controlMethod: 'Vendor support contract',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json<MatrixRowView>()).toMatchObject({
        conformityImpact: 'Batches cannot be released',
        controlMethod: 'Vendor support contract',
        evidenceLocation: 'Plumbline',
      });
      const [updated] = await auditEvents(`entityType=matrix_row&entityId=${erpRow.id}`);
      expect(updated).toMatchObject({
        action: 'matrix_row.updated',
        before: { processKey: 'batch-release', controlMethod: 'Monitoring and monthly patching' },
        after: { processKey: 'batch-release', controlMethod: 'Vendor support contract' },
      });
    });

    it('exports the matrix as CSV with the documented header', async () => {
      const erpRow = await linkAll();
      const changed = await t.call(quality, 'PATCH', `/api/v1/matrix/${erpRow.id}`, {
        controlMethod: 'Vendor support contract',
      });
      expect(changed.statusCode).toBe(200);
      const response = await t.call(auditor, 'GET', '/api/v1/matrix/export.csv');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      const [header, ...lines] = response.body.trimEnd().split('\n');
      expect(header).toBe(MATRIX_CSV_HEADER);
      expect(lines).toHaveLength(3);
      expect(parse(response.body, { columns: true })).toEqual([
        {
          process_key: 'batch-release',
          process_name: 'Batch release (QP)',
          process_owner_role: 'quality',
          affects_conformity: 'true',
          asset_key: 'erp',
          asset_name: 'ERP system',
          asset_criticality: 'high',
          third_party_managed: 'false',
          conformity_impact: 'Batches cannot be released',
          control_method: 'Vendor support contract',
          evidence_location: 'Plumbline',
        },
        expect.objectContaining({
          process_key: 'batch-release',
          asset_key: 'lims',
          third_party_managed: 'true',
          conformity_impact: 'No test results',
        }),
        expect.objectContaining({
          process_key: 'order-entry',
          affects_conformity: 'false',
          asset_key: 'erp',
        }),
      ]);
    });

    it('removes a row and records what was removed', async () => {
      const erpRow = await linkAll();
      const response = await t.call(quality, 'DELETE', `/api/v1/matrix/${erpRow.id}`);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ ok: true });
      const remaining = await t.call(auditor, 'GET', '/api/v1/matrix?process=batch-release');
      expect(remaining.json<{ items: MatrixRowView[] }>().items.map((row) => row.assetKey)).toEqual(
        ['lims'],
      );
      const [deleted] = await auditEvents(`entityType=matrix_row&entityId=${erpRow.id}`);
      expect(deleted).toMatchObject({
        action: 'matrix_row.deleted',
        before: { processKey: 'batch-release', assetKey: 'erp' },
        after: null,
      });
      const again = await t.call(quality, 'DELETE', `/api/v1/matrix/${erpRow.id}`);
      expect(again.statusCode).toBe(404);
    });

    it('does not let an auditor change the matrix', async () => {
      const response = await link('order-entry', 'lims', 'Auditors only read');
      expect(response.statusCode).toBe(201);
      const forbidden = await t.call(auditor, 'POST', '/api/v1/matrix', {
        processKey: 'order-entry',
        assetKey: 'lims',
        conformityImpact: 'x',
        controlMethod: 'x',
        evidenceLocation: 'x',
      });
      expect(forbidden.statusCode).toBe(403);
    });

    it('keeps the audit chain valid', async () => {
      const response = await t.call(admin, 'GET', '/api/v1/audit/verify');
      expect(response.json<AuditChainReport>()).toMatchObject({ valid: true, firstBroken: null });
    });
  });
});
