import { Badge } from '@mantine/core';
import type { OccurrenceStatus, ReviewItemStatus } from '../api/types.js';
import type { PostureStatus } from '../api/work-types.js';
import {
  CRITICALITY_COLORS,
  CRITICALITY_LABELS,
  OCCURRENCE_STATUS_COLORS,
  OCCURRENCE_STATUS_LABELS,
  POSTURE_STATUS_COLORS,
  POSTURE_STATUS_LABELS,
  REVIEW_ITEM_STATUS_COLORS,
  REVIEW_ITEM_STATUS_LABELS,
  WORK_ORDER_STATUS_COLORS,
  WORK_ORDER_STATUS_LABELS,
  labelOf,
} from './labels.js';

export function CriticalityBadge({ criticality }: { criticality: string }) {
  const color = (CRITICALITY_COLORS as Record<string, string>)[criticality] ?? 'gray';
  return (
    <Badge color={color} variant="light">
      {labelOf(CRITICALITY_LABELS, criticality)}
    </Badge>
  );
}

export function ReviewStatusBadge({ status }: { status: ReviewItemStatus }) {
  return (
    <Badge color={REVIEW_ITEM_STATUS_COLORS[status]} variant="light">
      {REVIEW_ITEM_STATUS_LABELS[status]}
    </Badge>
  );
}

export function YesNoBadge({
  value,
  yes = 'Yes',
  no = 'No',
}: {
  value: boolean;
  yes?: string;
  no?: string;
}) {
  return (
    <Badge color={value ? 'blue' : 'gray'} variant="light">
      {value ? yes : no}
    </Badge>
  );
}

export function OccurrenceStatusBadge({ status }: { status: OccurrenceStatus }) {
  return (
    <Badge color={OCCURRENCE_STATUS_COLORS[status]} variant="light">
      {OCCURRENCE_STATUS_LABELS[status]}
    </Badge>
  );
}

/** A work order's status; the value is a plain string so a status added later still shows. */
export function WorkOrderStatusBadge({ status }: { status: string }) {
  const color = (WORK_ORDER_STATUS_COLORS as Record<string, string>)[status] ?? 'gray';
  return (
    <Badge color={color} variant="light" data-testid="work-order-status">
      {labelOf(WORK_ORDER_STATUS_LABELS, status)}
    </Badge>
  );
}

export function PostureStatusBadge({ status }: { status: PostureStatus }) {
  const color = (POSTURE_STATUS_COLORS as Record<string, string>)[status] ?? 'gray';
  return (
    <Badge color={color} variant="light" style={{ flexShrink: 0 }}>
      {labelOf(POSTURE_STATUS_LABELS, status)}
    </Badge>
  );
}

export function CriticalBadge() {
  return (
    <Badge color="red" variant="filled" size="sm" style={{ flexShrink: 0 }}>
      Critical
    </Badge>
  );
}
