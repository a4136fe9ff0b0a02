import { Text, Timeline } from '@mantine/core';
import type { WorkOrderHistoryEntry, WorkOrderHistoryKind } from '../../api/work-types.js';
import { formatDateTime } from '../../components/format.js';

const KIND_LABELS: Record<WorkOrderHistoryKind, string> = {
  created: 'Created',
  started: 'Started',
  evidence_added: 'Evidence added',
  completed: 'Completed',
  verified: 'Verified',
  rejected: 'Rejected',
  overridden: 'Source facts overridden (signed)',
  assigned: 'Assigned',
  unassigned: 'Unassigned',
};

/** What happened to the work order, oldest first. */
export function HistoryTimeline({ history }: { history: WorkOrderHistoryEntry[] }) {
  if (history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing recorded yet.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={14} lineWidth={2} active={history.length - 1} data-testid="history">
      {history.map((entry, index) => (
        <Timeline.Item key={`${entry.at}-${index}`} title={KIND_LABELS[entry.kind]}>
          <Text size="xs" c="dimmed">
            {entry.actorLabel} · {formatDateTime(entry.at)}
          </Text>
          {entry.note ? (
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {entry.note}
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
