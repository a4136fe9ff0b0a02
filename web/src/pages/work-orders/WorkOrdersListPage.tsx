import { Anchor, Button, Checkbox, Group, MultiSelect, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useColleagues, useWorkOrders } from '../../api/work.js';
import {
  WORK_ORDER_STATUSES,
  type WorkOrderStatus,
  type WorkOrderView,
  type WorkRef,
} from '../../api/work-types.js';
import { useCan } from '../../auth/permissions.js';
import { WorkOrderStatusBadge } from '../../components/badges.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDateTime } from '../../components/format.js';
import {
  OWNER_ROLE_LABELS,
  WORK_ORDER_STATUS_LABELS,
  labelOf,
  optionsOf,
} from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/QueryView.js';
import { useRowSelection } from '../../components/row-selection.js';
import { BulkAssignBar } from './BulkAssignBar.js';

const OPEN: WorkOrderStatus[] = ['open', 'in_progress', 'done'];
const ANYONE = 'anyone';

/** Whose work orders to list: anyone's, mine, nobody's, or a person's (their id). */
function AssigneeFilterSelect({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  const colleagues = useColleagues();
  return (
    <Select
      label="Assigned to"
      searchable
      allowDeselect={false}
      data={[
        { value: ANYONE, label: 'Anyone or nobody' },
        { value: 'me', label: 'Me' },
        { value: 'nobody', label: 'Nobody' },
        ...(colleagues.data ?? [])
          .filter((person) => person.mayPerformWork)
          .map((person) => ({ value: person.id, label: person.name })),
      ]}
      value={value}
      onChange={(next) => onChange(next ?? ANYONE)}
      miw={220}
    />
  );
}

/** Work that is still open: the rows that can be assigned. */
function isOpen(workOrder: WorkOrderView): boolean {
  return workOrder.status === 'open' || workOrder.status === 'in_progress';
}

export function WorkOrdersListPage() {
  const can = useCan();
  const [statuses, setStatuses] = useState<WorkOrderStatus[]>(OPEN);
  const [mine, setMine] = useState(false);
  const [assignee, setAssignee] = useState(ANYONE);
  const workOrders = useWorkOrders({
    status: statuses,
    mine,
    assignee: assignee === ANYONE ? undefined : assignee,
  });
  // Rows selected for a bulk action, by id (the shared row selection); only open work can be
  // assigned, so only open rows are selectable and a row that closes drops out of the action.
  const selection = useRowSelection(workOrders.data ?? [], isOpen);
  const selectable = can('work:assign');
  return (
    <>
      <PageHeader
        title="Work orders"
        description="Recorded work: scheduled control occurrences and corrective actions, each closed out and verified."
        actions={
          can('work:perform') ? (
            <Button component={Link} to="/work-orders/new">
              New corrective work order
            </Button>
          ) : null
        }
      />
      <Group mb="md" align="flex-end">
        <MultiSelect
          label="Status"
          placeholder="Any status"
          data={optionsOf(WORK_ORDER_STATUS_LABELS)}
          value={statuses}
          onChange={(value) =>
            setStatuses(
              value.filter((status): status is WorkOrderStatus =>
                (WORK_ORDER_STATUSES as readonly string[]).includes(status),
              ),
            )
          }
          miw={280}
        />
        <Checkbox
          label="Only mine"
          checked={mine}
          onChange={(event) => setMine(event.currentTarget.checked)}
          mb={8}
        />
        <AssigneeFilterSelect value={assignee} onChange={setAssignee} />
      </Group>
      <QueryView query={workOrders}>
        {(items) => {
          const { chosen } = selection;
          const byId = new Map(items.map((item) => [item.id, item]));
          const rowLabel = (ref: WorkRef) => {
            const row = byId.get(ref.id);
            return row ? `${row.number} ${row.title}` : ref.id;
          };
          return items.length === 0 ? (
            <EmptyMessage title="No work orders match" />
          ) : (
            <>
              {selectable && chosen.length > 0 ? (
                <BulkAssignBar
                  selected={chosen.map((item) => ({ type: 'work-order', id: item.id }))}
                  labelOf={rowLabel}
                  onDone={(refused) => selection.keepOnly(refused.map((ref) => ref.id))}
                />
              ) : null}
              <Table.ScrollContainer minWidth={800}>
                <Table striped highlightOnHover verticalSpacing="sm">
                  <Table.Thead>
                    <Table.Tr>
                      {selectable ? (
                        <Table.Th w={40}>
                          {selection.header('Select every open work order shown')}
                        </Table.Th>
                      ) : null}
                      <Table.Th>Number</Table.Th>
                      <Table.Th>Title</Table.Th>
                      <Table.Th>Kind</Table.Th>
                      <Table.Th>Owner</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Assigned to</Table.Th>
                      <Table.Th>Performer</Table.Th>
                      <Table.Th>Created</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((workOrder) => (
                      <Table.Tr key={workOrder.id} data-testid="work-order-row">
                        {selectable ? (
                          <Table.Td>
                            <Checkbox
                              aria-label={`Select ${workOrder.number}`}
                              checked={selection.isSelected(workOrder.id)}
                              disabled={!isOpen(workOrder)}
                              onChange={(event) =>
                                selection.toggle(workOrder.id, event.currentTarget.checked)
                              }
                            />
                          </Table.Td>
                        ) : null}
                        <Table.Td>
                          <Anchor component={Link} to={`/work-orders/${workOrder.id}`} fw={500}>
                            {workOrder.number}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{workOrder.title}</Text>
                        </Table.Td>
                        <Table.Td>
                          {workOrder.kind === 'corrective' ? 'Corrective' : 'Preventive'}
                        </Table.Td>
                        <Table.Td>{labelOf(OWNER_ROLE_LABELS, workOrder.ownerRole)}</Table.Td>
                        <Table.Td>
                          <WorkOrderStatusBadge status={workOrder.status} />
                        </Table.Td>
                        <Table.Td data-testid="work-order-assignee">
                          {workOrder.assignee?.name ?? '—'}
                        </Table.Td>
                        <Table.Td>{workOrder.performerLabel ?? '—'}</Table.Td>
                        <Table.Td>{formatDateTime(workOrder.createdAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMore list={workOrders} />
            </>
          );
        }}
      </QueryView>
    </>
  );
}
