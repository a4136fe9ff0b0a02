/**
 * The certificate inventory as the web app reads it: a paged list over the certificates API, with
 * types inferred from the server's zod schemas, imported as types only.
 */
import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../api/ApiProvider.js';
import { usePagedList } from '../../api/paging.js';
import type {
  CertificateDetail,
  CertificateView,
} from '../../../../src/modules/certificates/certificate.schema.js';

export type { CertificateDetail, CertificateView };

/** Renewal opens this many days before notAfter (docs/certificates.md). */
export const RENEWAL_WINDOW_DAYS = 30;

export interface CertificateFilters {
  /** Days; undefined for every certificate. */
  expiringWithinDays?: number | undefined;
  includeSuperseded: boolean;
  includeCa: boolean;
}

/** Certificates, soonest expiry first, a page at a time. */
export function useCertificates(filters: CertificateFilters) {
  return usePagedList(['certificates', filters], '/certificates', {
    query: {
      expiringWithinDays: filters.expiringWithinDays,
      includeSuperseded: filters.includeSuperseded ? 'true' : undefined,
      includeCa: filters.includeCa ? undefined : 'false',
    },
  });
}

/** One certificate with its PEM, the endpoints presenting it and its renewal occurrences. */
export function useCertificate(id: string) {
  const api = useApiClient();
  return useQuery({
    queryKey: ['certificates', 'detail', id],
    queryFn: () => api.get('/certificates/{id}', { path: { id } }),
  });
}

export type Urgency = 'expired' | 'critical' | 'soon' | 'ok';

/**
 * How urgent a renewal is by days left: expired; within the 30 days in which renewal is due
 * (docs/certificates.md); within 90 days; later.
 */
export function urgencyOf(daysLeft: number): Urgency {
  if (daysLeft < 0) return 'expired';
  if (daysLeft <= RENEWAL_WINDOW_DAYS) return 'critical';
  if (daysLeft <= 90) return 'soon';
  return 'ok';
}

export const URGENCY_COLOR: Record<Urgency, string> = {
  expired: 'red',
  critical: 'orange',
  soon: 'yellow',
  ok: 'green',
};

export const URGENCY_LABEL: Record<Urgency, string> = {
  expired: 'Expired',
  critical: 'Renewal due',
  soon: 'Within 90 days',
  ok: 'OK',
};
