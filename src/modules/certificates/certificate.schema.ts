import { z } from 'zod';
import { pageQuerySchema, pageSchema } from '../../platform/http/paging.js';
import { OCCURRENCE_STATUSES } from '../occurrences/occurrence-status.js';
import { registerKeySchema } from '../register/asset.schema.js';

/**
 * What a probe of an endpoint found. `ok`: TLS 1.2 or newer negotiated, nothing older accepted.
 * `legacy_protocol_accepted`: TLS 1.2+ works but the server also completes a TLS 1.0/1.1 handshake.
 * `legacy_only`: the server negotiated only TLS 1.0/1.1. `refused_below_tls12`: the server refuses
 * TLS 1.2+ and the older handshake could not be completed either (this side's OpenSSL refuses it),
 * so the endpoint offers nothing acceptable. `unreachable`: no TLS handshake at all.
 */
export const PROBE_OUTCOMES = [
  'ok',
  'legacy_protocol_accepted',
  'legacy_only',
  'refused_below_tls12',
  'unreachable',
] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];

/** Outcomes that are findings against "TLS 1.2 or newer in transit". */
export function isProtocolFinding(outcome: ProbeOutcome): boolean {
  switch (outcome) {
    case 'legacy_protocol_accepted':
    case 'legacy_only':
    case 'refused_below_tls12':
      return true;
    case 'ok':
    case 'unreachable':
      return false;
  }
}

export const certificateViewSchema = z.object({
  id: z.uuid(),
  fingerprintSha256: z.string().describe('SHA-256 of the DER, colon-separated hex'),
  subject: z.string(),
  subjectAltNames: z.array(z.string()),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  daysLeft: z.number().int().describe('Whole days from now until notAfter (negative once expired)'),
  keyType: z.string(),
  keySize: z.number().int().nullable(),
  isCa: z.boolean(),
  assetKey: z.string().nullable(),
  source: z.enum(['import', 'probe']),
  supersededById: z.uuid().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type CertificateView = z.infer<typeof certificateViewSchema>;

export const certificateDetailSchema = certificateViewSchema.extend({
  pem: z.string(),
  endpoints: z.array(z.object({ id: z.uuid(), host: z.string(), port: z.number().int() })),
  renewals: z.array(
    z.object({
      assetKey: z.string(),
      occurrenceId: z.uuid(),
      openedAt: z.string(),
      dueAt: z.string().describe('The renewal is due by then: the certificate’s notAfter'),
      status: z
        .enum(OCCURRENCE_STATUSES)
        .describe('The renewal occurrence’s status now (docs/occurrences.md)'),
      renewedByCertificateId: z.uuid().nullable(),
      renewedAt: z.string().nullable(),
    }),
  ),
});
export type CertificateDetail = z.infer<typeof certificateDetailSchema>;

export const listCertificatesQuerySchema = pageQuerySchema.extend({
  expiringWithinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .optional()
    .describe(
      'Only certificates whose notAfter is within this many days from now (expired ones included)',
    ),
  asset: registerKeySchema.optional().describe('Only certificates recorded for this asset'),
  includeSuperseded: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true')
    .describe('Also list certificates replaced by a newer one for the same names'),
  includeCa: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true')
    .describe('Also list CA certificates (intermediates and roots)'),
});
export type ListCertificatesQuery = z.infer<typeof listCertificatesQuerySchema>;

export const certificatePageSchema = pageSchema(certificateViewSchema);

export const importCertificatesQuerySchema = z.object({
  asset: registerKeySchema.optional().describe('The asset the certificates are deployed on'),
});

export const importCertificatesResultSchema = z.object({
  received: z.number().int().describe('Certificates in the file'),
  created: z.number().int(),
  alreadyRecorded: z.number().int().describe('Certificates already stored (same fingerprint)'),
  certificates: z.array(
    z.object({
      id: z.uuid(),
      fingerprintSha256: z.string(),
      subject: z.string(),
      created: z.boolean(),
    }),
  ),
  renewalsCompleted: z.number().int(),
});
export type ImportCertificatesResult = z.infer<typeof importCertificatesResultSchema>;

export const endpointViewSchema = z.object({
  id: z.uuid(),
  host: z.string(),
  port: z.number().int(),
  assetKey: z.string().nullable(),
  currentCertificateId: z.uuid().nullable(),
  lastProbedAt: z.string().nullable(),
  lastProbe: z
    .object({
      probedAt: z.string(),
      outcome: z.enum(PROBE_OUTCOMES),
      finding: z.boolean(),
      protocol: z.string().nullable(),
      cipher: z.string().nullable(),
      detail: z.string(),
    })
    .nullable(),
});
export type EndpointView = z.infer<typeof endpointViewSchema>;

export const createEndpointBodySchema = z.object({
  host: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.:-]+$/, 'must be a host name or an IP address')
    .transform((host) => host.toLowerCase()),
  port: z.number().int().min(1).max(65535).default(443),
  asset: registerKeySchema.optional().describe('The asset that serves it'),
});
export type CreateEndpointBody = z.infer<typeof createEndpointBodySchema>;

export const listEndpointsQuerySchema = pageQuerySchema.extend({
  asset: registerKeySchema.optional(),
});
export type ListEndpointsQuery = z.infer<typeof listEndpointsQuerySchema>;
export const endpointPageSchema = pageSchema(endpointViewSchema);

export const probeResultSchema = z.object({
  endpointId: z.uuid(),
  host: z.string(),
  port: z.number().int(),
  outcome: z.enum(PROBE_OUTCOMES),
  finding: z.boolean(),
  protocol: z.string().nullable(),
  cipher: z.string().nullable(),
  leafCertificateId: z.uuid().nullable(),
  detail: z.string(),
});
export type ProbeResultView = z.infer<typeof probeResultSchema>;
