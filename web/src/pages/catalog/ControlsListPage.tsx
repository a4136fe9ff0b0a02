import { Anchor, Group, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useControls, useFrameworks } from '../../api/catalog.js';
import type { OwnerRole } from '../../api/types.js';
import { CriticalBadge } from '../../components/badges.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { OWNER_ROLE_LABELS, labelOf, optionsOf } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';

/** Every current control, filterable by framework and owner. */
export function ControlsListPage() {
  const [framework, setFramework] = useState<string | null>(null);
  const [ownerRole, setOwnerRole] = useState<OwnerRole | null>(null);
  const frameworks = useFrameworks();
  const controls = useControls({
    framework: framework ?? undefined,
    ownerRole: ownerRole ?? undefined,
  });
  return (
    <>
      <PageHeader
        title="Controls"
        description="What is done, by whom and how often, to meet the frameworks' requirements."
      />
      <Group mb="md" align="flex-end">
        <Select
          label="Framework"
          placeholder="All frameworks"
          clearable
          data={(frameworks.data ?? []).map((item) => ({ value: item.key, label: item.title }))}
          value={framework}
          onChange={setFramework}
        />
        <Select
          label="Owner"
          placeholder="All owners"
          clearable
          data={optionsOf(OWNER_ROLE_LABELS)}
          value={ownerRole}
          onChange={(value) => setOwnerRole(value)}
        />
      </Group>
      <QueryView query={controls}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No controls match" />
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Control</Table.Th>
                    <Table.Th>Theme</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>Schedule</Table.Th>
                    <Table.Th>Requirements</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((control) => (
                    <Table.Tr key={control.key}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Anchor
                            component={Link}
                            to={`/controls/${encodeURIComponent(control.key)}`}
                            fw={500}
                          >
                            {control.title}
                          </Anchor>
                          {control.critical ? <CriticalBadge /> : null}
                        </Group>
                        <Text size="xs" c="dimmed">
                          {control.key}
                        </Text>
                      </Table.Td>
                      <Table.Td>{control.theme}</Table.Td>
                      <Table.Td>{labelOf(OWNER_ROLE_LABELS, control.ownerRole)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{control.schedule}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{control.requirements.join(', ')}</Text>
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
