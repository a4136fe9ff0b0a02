import { Anchor, Button, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useProcessPages } from '../../api/register.js';
import { useCan } from '../../auth/permissions.js';
import { YesNoBadge } from '../../components/badges.js';
import { LoadMore } from '../../components/LoadMore.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { OWNER_ROLE_LABELS } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';

export function ProcessesListPage() {
  const can = useCan();
  const processes = useProcessPages();
  return (
    <>
      <PageHeader
        title="Processes"
        description="Business processes and the infrastructure each one needs to achieve conformity."
        actions={
          can('register:write') ? (
            <Button component={Link} to="/processes/new">
              New process
            </Button>
          ) : null
        }
      />
      <QueryView query={processes}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No processes yet">
              Add the processes whose conformity depends on infrastructure.
            </EmptyMessage>
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Process</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>Affects conformity</Table.Th>
                    <Table.Th ta="right">Linked assets</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((process) => (
                    <Table.Tr key={process.id}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/processes/${encodeURIComponent(process.key)}`}
                          fw={500}
                        >
                          {process.name}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {process.key}
                        </Text>
                      </Table.Td>
                      <Table.Td>{OWNER_ROLE_LABELS[process.ownerRole]}</Table.Td>
                      <Table.Td>
                        <YesNoBadge value={process.affectsConformity} />
                      </Table.Td>
                      <Table.Td ta="right">{process.assetCount}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <LoadMore list={processes} />
            </Table.ScrollContainer>
          )
        }
      </QueryView>
    </>
  );
}
