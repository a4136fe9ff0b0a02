import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useFrameworks } from '../../api/catalog.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';

/** The frameworks in the catalogue, with how many of their requirements no control covers. */
export function FrameworksListPage() {
  const frameworks = useFrameworks();
  return (
    <>
      <PageHeader
        title="Frameworks"
        description="Standards, regulations and internal policies, and the controls that meet their requirements."
      />
      <QueryView query={frameworks}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No frameworks in the catalogue" />
          ) : (
            <Table.ScrollContainer minWidth={700}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Framework</Table.Th>
                    <Table.Th>Issuer</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th>Requirements</Table.Th>
                    <Table.Th>Unmapped</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((framework) => (
                    <Table.Tr key={framework.key}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/frameworks/${encodeURIComponent(framework.key)}`}
                          fw={500}
                        >
                          {framework.title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {framework.key} · {framework.edition}
                        </Text>
                      </Table.Td>
                      <Table.Td>{framework.issuer}</Table.Td>
                      <Table.Td>{framework.kind === 'external' ? 'External' : 'Internal'}</Table.Td>
                      <Table.Td>{framework.requirementCount}</Table.Td>
                      <Table.Td>
                        {framework.unmappedRequirementCount > 0 ? (
                          <Badge color="orange" variant="light">
                            {framework.unmappedRequirementCount} unmapped
                          </Badge>
                        ) : (
                          <Text size="sm" c="dimmed">
                            None
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
    </>
  );
}
