import { Anchor, Button, Checkbox, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { OccurrenceView } from '../../api/types.js';
import { useStartOccurrence } from '../../api/work.js';
import { useCan } from '../../auth/permissions.js';
import { CriticalBadge, OccurrenceStatusBadge } from '../../components/badges.js';
import { formatDateTime, formatDeadline, formatPeriod } from '../../components/format.js';
import { OWNER_ROLE_LABELS, labelOf } from '../../components/labels.js';
import { OccurrenceSelectionBar } from './OccurrenceSelectionBar.js';
import { NotApplicableDialog } from './NotApplicableDialog.js';
import { useRowSelection } from '../../components/row-selection.js';

type Status = OccurrenceView['status'];

/** Statuses whose work can still be started. */
const STARTABLE = new Set<Status>(['due', 'overdue', 'upcoming']);
/**
 * Statuses that already have a work order. Starting again is idempotent and answers the existing
 * work order, which is how a row finds it (occurrences do not carry their work order's id).
 */
const HAS_WORK_ORDER = new Set<Status>(['in_progress', 'done', 'verified']);

const rowName = (occurrence: OccurrenceView) =>
  occurrence.assetKey
    ? `${occurrence.controlTitle} — ${occurrence.assetKey}`
    : occurrence.controlTitle;

/**
 * Occurrences as rows: control, asset, due date and status, with Start for those who may. With
 * `selectable`, rows are selected to be exported as CSV together, and those who may do the work
 * mark the open ones among them not applicable at once.
 */
export function OccurrencesTable({
  occurrences,
  showControl = true,
  selectable = false,
}: {
  occurrences: OccurrenceView[];
  showControl?: boolean;
  selectable?: boolean;
}) {
  const can = useCan();
  const navigate = useNavigate();
  const start = useStartOccurrence();
  const [notApplicable, setNotApplicable] = useState<OccurrenceView | null>(null);
  const selection = useRowSelection(occurrences);
  const markable = can('work:perform')
    ? selection.chosen.filter((occurrence) => STARTABLE.has(occurrence.status))
    : [];
  const byId = new Map(occurrences.map((occurrence) => [occurrence.id, occurrence]));

  function startWork(occurrence: OccurrenceView) {
    start.mutate(occurrence.id, {
      onSuccess: (workOrder) => {
        if (STARTABLE.has(occurrence.status)) {
          notifications.show({ message: `Work order ${workOrder.number} started` });
        }
        void navigate(`/work-orders/${workOrder.id}`);
      },
      onError: (error) => notifications.show({ color: 'red', message: error.message }),
    });
  }

  return (
    <Table.ScrollContainer minWidth={800}>
      {selectable && selection.chosen.length > 0 ? (
        <OccurrenceSelectionBar
          selected={selection.chosen}
          markable={markable}
          labelOf={(id) => {
            const row = byId.get(id);
            return row ? rowName(row) : id;
          }}
          onDone={() => selection.keepOnly()}
        />
      ) : null}
      <Table striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            {selectable ? (
              <Table.Th w={40}>{selection.header('Select every occurrence shown')}</Table.Th>
            ) : null}
            {showControl ? <Table.Th>Control</Table.Th> : null}
            <Table.Th>Period</Table.Th>
            <Table.Th>Asset</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Assigned to</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {occurrences.map((occurrence) => (
            <Table.Tr key={occurrence.id} data-testid="occurrence-row">
              {selectable ? (
                <Table.Td>
                  <Checkbox
                    aria-label={`Select ${rowName(occurrence)}, ${formatPeriod(occurrence.periodKey, occurrence.opensAt)}`}
                    checked={selection.isSelected(occurrence.id)}
                    onChange={(event) =>
                      selection.toggle(occurrence.id, event.currentTarget.checked)
                    }
                  />
                </Table.Td>
              ) : null}
              {showControl ? (
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Anchor
                      component={Link}
                      to={`/controls/${encodeURIComponent(occurrence.controlKey)}`}
                      size="sm"
                      fw={500}
                    >
                      {occurrence.controlTitle}
                    </Anchor>
                    {occurrence.critical ? <CriticalBadge /> : null}
                  </Group>
                </Table.Td>
              ) : null}
              <Table.Td>{formatPeriod(occurrence.periodKey, occurrence.opensAt)}</Table.Td>
              <Table.Td>
                {occurrence.assetKey ? (
                  <Anchor
                    component={Link}
                    to={`/assets/${encodeURIComponent(occurrence.assetKey)}`}
                    size="sm"
                  >
                    {occurrence.assetKey}
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    Organisation
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{labelOf(OWNER_ROLE_LABELS, occurrence.ownerRole)}</Table.Td>
              <Table.Td data-testid="occurrence-assignee">
                {occurrence.assignee?.name ?? '—'}
              </Table.Td>
              <Table.Td
                title={`Deadline ${formatDateTime(occurrence.dueAt)}`}
                data-testid="occurrence-due"
              >
                {formatDeadline(occurrence.dueAt)}
              </Table.Td>
              <Table.Td>
                <OccurrenceStatusBadge status={occurrence.status} />
              </Table.Td>
              <Table.Td>
                {can('work:perform') &&
                (STARTABLE.has(occurrence.status) || HAS_WORK_ORDER.has(occurrence.status)) ? (
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    <Button
                      size="compact-sm"
                      variant="light"
                      loading={start.isPending && start.variables === occurrence.id}
                      onClick={() => startWork(occurrence)}
                    >
                      {STARTABLE.has(occurrence.status) ? 'Start' : 'Open'}
                    </Button>
                    {STARTABLE.has(occurrence.status) ? (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="gray"
                        onClick={() => setNotApplicable(occurrence)}
                      >
                        Not applicable
                      </Button>
                    ) : null}
                  </Group>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {notApplicable ? (
        <NotApplicableDialog occurrence={notApplicable} onClose={() => setNotApplicable(null)} />
      ) : null}
    </Table.ScrollContainer>
  );
}
