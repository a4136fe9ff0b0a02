import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { requirePrincipal } from '../../platform/http/access.js';
import type { Api } from '../../platform/http/api-types.js';
import { registerEvidenceUploads } from '../attachments/attachments.routes.js';
import {
  createDecommissioningRecord,
  getDecommissioningRecord,
  listDecommissioningRecords,
  updateDecommissioningRecord,
} from './decommissioning-records.service.js';
import { decommissioningEvidence, provisioningEvidence } from './lifecycle-evidence.js';
import {
  createProvisioningRequest,
  getProvisioningRequest,
  listProvisioningRequests,
  startProvisioning,
} from './provisioning-requests.service.js';
import {
  approvalBodySchema,
  createDecommissioningRecordSchema,
  createProvisioningRequestSchema,
  criterionVerificationBodySchema,
  decommissioningRecordDetailSchema,
  decommissioningRecordPageSchema,
  listDecommissioningRecordsQuerySchema,
  listProvisioningRequestsQuerySchema,
  provisioningRequestDetailSchema,
  provisioningRequestPageSchema,
  signDecommissioningBodySchema,
  updateDecommissioningRecordSchema,
} from './provisioning.schema.js';
import { signDecommissioningRecord } from './sign-decommissioning-record.js';
import {
  approveProvisioningRequest,
  verifyAcceptanceCriterion,
} from './sign-provisioning-request.js';
import { signerCredentialsOf } from '../signatures/signature-credentials.schema.js';

const idParams = z.object({ id: z.uuid() });
const criterionParams = z.object({
  id: z.uuid(),
  position: z.coerce.number().int().min(1).max(50),
});

/** Provisioning requests and decommissioning records (docs/lifecycle.md). */
export function registerLifecycleRoutes(api: Api, ctx: AppContext): void {
  const read = { access: { permission: 'register:read' as const } };
  const write = { access: { permission: 'register:write' as const } };
  const sign = { access: { permission: 'work:verify' as const } };
  const tags = ['lifecycle'];

  api.get('/api/v1/provisioning-requests', {
    config: read,
    schema: {
      tags,
      summary: 'Provisioning requests, newest first, a page at a time',
      querystring: listProvisioningRequestsQuerySchema,
      response: { 200: provisioningRequestPageSchema },
    },
    handler: async (request) => listProvisioningRequests(ctx, request.query),
  });
  api.post('/api/v1/provisioning-requests', {
    config: write,
    schema: {
      tags,
      summary:
        'Request an asset: purpose, requirements, security considerations, acceptance criteria, configuration reference',
      body: createProvisioningRequestSchema,
      response: { 201: provisioningRequestDetailSchema },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = await createProvisioningRequest(ctx, principal, request.body);
      return reply.status(201).send(await getProvisioningRequest(ctx, id, principal));
    },
  });
  api.get('/api/v1/provisioning-requests/:id', {
    config: read,
    schema: {
      tags,
      summary: 'One provisioning request with its criteria, evidence and abilities',
      params: idParams,
      response: { 200: provisioningRequestDetailSchema },
    },
    handler: async (request) =>
      getProvisioningRequest(ctx, request.params.id, requirePrincipal(request)),
  });
  api.post('/api/v1/provisioning-requests/:id/approval', {
    config: sign,
    schema: {
      tags,
      summary: 'Approve the request by e-signature (someone other than the requester)',
      params: idParams,
      body: approvalBodySchema,
      response: { 200: provisioningRequestDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await approveProvisioningRequest(ctx, principal, request.params.id, {
        note: request.body.note,
        credentials: signerCredentialsOf(request.body),
      });
      return getProvisioningRequest(ctx, request.params.id, principal);
    },
  });
  api.post('/api/v1/provisioning-requests/:id/start', {
    config: write,
    schema: {
      tags,
      summary: 'Start building the approved asset; the caller becomes its implementer',
      params: idParams,
      response: { 200: provisioningRequestDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await startProvisioning(ctx, principal, request.params.id);
      return getProvisioningRequest(ctx, request.params.id, principal);
    },
  });
  api.post('/api/v1/provisioning-requests/:id/criteria/:position/verification', {
    config: sign,
    schema: {
      tags,
      summary:
        'Verify one acceptance criterion by e-signature (someone other than the implementer); the last one verifies the request',
      params: criterionParams,
      body: criterionVerificationBodySchema,
      response: { 200: provisioningRequestDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await verifyAcceptanceCriterion(ctx, principal, request.params.id, request.params.position, {
        observation: request.body.observation,
        credentials: signerCredentialsOf(request.body),
      });
      return getProvisioningRequest(ctx, request.params.id, principal);
    },
  });

  api.get('/api/v1/decommissioning-records', {
    config: read,
    schema: {
      tags,
      summary: 'Decommissioning records, newest first, a page at a time',
      querystring: listDecommissioningRecordsQuerySchema,
      response: { 200: decommissioningRecordPageSchema },
    },
    handler: async (request) => listDecommissioningRecords(ctx, request.query),
  });
  api.post('/api/v1/decommissioning-records', {
    config: write,
    schema: {
      tags,
      summary:
        'Record how an asset is taken out of service (retention, data, sanitisation, removal checklist); the asset moves to decommissioning',
      body: createDecommissioningRecordSchema,
      response: { 201: decommissioningRecordDetailSchema },
    },
    handler: async (request, reply) => {
      const principal = requirePrincipal(request);
      const id = await createDecommissioningRecord(ctx, principal, request.body);
      return reply.status(201).send(await getDecommissioningRecord(ctx, id, principal));
    },
  });
  api.get('/api/v1/decommissioning-records/:id', {
    config: read,
    schema: {
      tags,
      summary: 'One decommissioning record with what it still lacks, its evidence and abilities',
      params: idParams,
      response: { 200: decommissioningRecordDetailSchema },
    },
    handler: async (request) =>
      getDecommissioningRecord(ctx, request.params.id, requirePrincipal(request)),
  });
  api.patch('/api/v1/decommissioning-records/:id', {
    config: write,
    schema: {
      tags,
      summary: 'Change a draft decommissioning record (tick the checklist as removal goes on)',
      params: idParams,
      body: updateDecommissioningRecordSchema,
      response: { 200: decommissioningRecordDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await updateDecommissioningRecord(ctx, principal, request.params.id, request.body);
      return getDecommissioningRecord(ctx, request.params.id, principal);
    },
  });
  api.post('/api/v1/decommissioning-records/:id/signature', {
    config: sign,
    schema: {
      tags,
      summary: 'Sign the complete record by e-signature; the asset may then become decommissioned',
      params: idParams,
      body: signDecommissioningBodySchema,
      response: { 200: decommissioningRecordDetailSchema },
    },
    handler: async (request) => {
      const principal = requirePrincipal(request);
      await signDecommissioningRecord(ctx, principal, request.params.id, {
        note: request.body.note,
        credentials: signerCredentialsOf(request.body),
      });
      return getDecommissioningRecord(ctx, request.params.id, principal);
    },
  });

  registerEvidenceUploads(api, ctx, [
    {
      url: '/api/v1/provisioning-requests/:id/evidence',
      owner: provisioningEvidence,
      permission: 'register:write',
      tag: 'lifecycle',
      summary:
        'Attach an evidence file (multipart field "file") until every acceptance criterion is verified',
    },
    {
      url: '/api/v1/decommissioning-records/:id/evidence',
      owner: decommissioningEvidence,
      permission: 'register:write',
      tag: 'lifecycle',
      summary:
        'Attach an evidence file, e.g. the sanitisation certificate (multipart field "file"), until the record is signed',
    },
  ]);
}
