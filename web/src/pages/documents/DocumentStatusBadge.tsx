import { Badge } from '@mantine/core';
import type { DocumentStatus } from './documents-api.js';

export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  effective: 'Effective',
  superseded: 'Superseded',
  retired: 'Retired',
};
const DOCUMENT_STATUS_COLORS: Record<DocumentStatus, string> = {
  draft: 'gray',
  in_review: 'blue',
  approved: 'cyan',
  effective: 'teal',
  superseded: 'gray',
  retired: 'dark',
};

/** A version's place in draft → in review → approved → effective → superseded / retired. */
export function DocumentStatusBadge({ status }: { status: DocumentStatus }) {
  return (
    <Badge color={DOCUMENT_STATUS_COLORS[status]} variant="light">
      {DOCUMENT_STATUS_LABELS[status]}
    </Badge>
  );
}
