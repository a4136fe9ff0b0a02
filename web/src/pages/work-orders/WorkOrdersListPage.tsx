import { Anchor, Button, Checkbox, Group, MultiSelect, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useWorkOrders } from '../../api/work.js';
import { WORK_ORDER_STATUSES, type WorkOrderStatus } from '../../api/work-types.js';
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

const OPEN: WorkOrderStatus[] = ['open', 'in_progress', 'done'];

export function WorkOrdersListPage() {
  const can = useCan();
  const [statuses, setStatuses] = useState<WorkOrderStatus[]>(OPEN);
  const [mine, setMine] = useState(false);
  const workOrders = useWorkOrders({ status: statuses, mine });
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
      </Group>
      <QueryView query={workOrders}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No work orders match" />
          ) : (
            <>
              <Table.ScrollContainer minWidth={800}>
                <Table striped highlightOnHover verticalSpacing="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Number</Table.Th>
                      <Table.Th>Title</Table.Th>
                      <Table.Th>Kind</Table.Th>
                      <Table.Th>Owner</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Performer</Table.Th>
                      <Table.Th>Created</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((workOrder) => (
                      <Table.Tr key={workOrder.id}>
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
                        <Table.Td>{workOrder.performerLabel ?? '—'}</Table.Td>
                        <Table.Td>{formatDateTime(workOrder.createdAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMore list={workOrders} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
