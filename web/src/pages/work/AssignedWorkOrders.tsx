import { Anchor, Stack, Table, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useWorkOrders } from '../../api/work.js';
import { WorkOrderStatusBadge } from '../../components/badges.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/QueryView.js';

/**
 * Corrective work orders assigned to the signed-in person and not finished: they have no
 * occurrence, so the tabs above (occurrences by deadline) do not list them. Shown only when there
 * are some.
 */
export function AssignedWorkOrders() {
  const workOrders = useWorkOrders({
    assignee: 'me',
    kind: 'corrective',
    status: ['open', 'in_progress'],
  });
  return (
    <QueryView query={workOrders}>
      {(items) =>
        items.length === 0 ? null : (
          <Stack gap="xs" mt="xl" data-testid="assigned-work-orders">
            <Title order={2} size="h4">
              Corrective work orders assigned to you
            </Title>
            <Table.ScrollContainer minWidth={600}>
              <Table striped verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Number</Table.Th>
                    <Table.Th>Title</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Opened</Table.Th>
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
                      <Table.Td>{workOrder.title}</Table.Td>
                      <Table.Td>
                        <WorkOrderStatusBadge status={workOrder.status} />
                      </Table.Td>
                      <Table.Td>{formatDateTime(workOrder.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMore list={workOrders} />
          </Stack>
        )
      }
    </QueryView>
  );
}
