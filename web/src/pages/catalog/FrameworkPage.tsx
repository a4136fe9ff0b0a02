import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useFramework } from '../../api/catalog.js';
import type { FrameworkView } from '../../api/types.js';
import { CriticalBadge } from '../../components/badges.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { useRequiredParam } from '../../components/params.js';

export function FrameworkPage() {
  const key = useRequiredParam('key');
  const framework = useFramework(key);
  return <QueryView query={framework}>{(data) => <Framework framework={data} />}</QueryView>;
}

/** Each requirement with the controls that meet it; a requirement nothing meets is flagged. */
function Framework({ framework }: { framework: FrameworkView }) {
  return (
    <>
      <PageHeader
        title={framework.title}
        crumbs={[{ label: 'Frameworks', to: '/frameworks' }]}
        badges={
          framework.unmappedRequirementCount > 0 ? (
            <Badge color="orange" variant="light">
              {framework.unmappedRequirementCount} unmapped
            </Badge>
          ) : null
        }
        description={`${framework.issuer} · ${framework.edition} · ${framework.description}`}
      />
      <Table.ScrollContainer minWidth={800}>
        <Table striped verticalSpacing="sm" data-testid="framework-requirements">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>Clause</Table.Th>
              <Table.Th>Requirement</Table.Th>
              <Table.Th w="40%">Controls</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {framework.requirements.map((requirement) => (
              <Table.Tr key={requirement.key}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {requirement.reference}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {requirement.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {requirement.summary}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {requirement.controls.length === 0 ? (
                    <Badge color="orange" variant="light">
                      No control maps to it
                    </Badge>
                  ) : (
                    <Stack gap={4}>
                      {requirement.controls.map((control) => (
                        <Group key={control.key} gap={6} wrap="nowrap">
                          <Anchor
                            component={Link}
                            to={`/controls/${encodeURIComponent(control.key)}`}
                            size="sm"
                          >
                            {control.title}
                          </Anchor>
                          {control.critical ? <CriticalBadge /> : null}
                        </Group>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
