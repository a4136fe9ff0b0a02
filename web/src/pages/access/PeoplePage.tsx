import { Badge, SegmentedControl, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { usePeople, type PersonStatus } from './access-api.js';

type Filter = PersonStatus | 'all';

/** The people register: the workforce, from the CSV import or the identity provider (SCIM). */
export function PeoplePage() {
  const [filter, setFilter] = useState<Filter>('all');
  const people = usePeople(filter === 'all' ? undefined : filter);
  return (
    <>
      <PageHeader
        title="People"
        description="The workforce, imported from CSV or provisioned by the identity provider over SCIM. A leaver starts a 24-hour revocation clock on every account they hold."
      />
      <SegmentedControl
        mb="md"
        value={filter}
        onChange={setFilter}
        data={[
          { label: 'Everyone', value: 'all' },
          { label: 'Active', value: 'active' },
          { label: 'Left', value: 'left' },
        ]}
      />
      <QueryView query={people}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No people yet">
              Import the people CSV (plumbline people import) or connect the identity provider to
              /scim/v2.
            </EmptyMessage>
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped highlightOnHover verticalSpacing="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Department</Table.Th>
                      <Table.Th>Job role</Table.Th>
                      <Table.Th>Manager</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Start</Table.Th>
                      <Table.Th>End</Table.Th>
                      <Table.Th>Left at</Table.Th>
                      <Table.Th>Source</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((person) => (
                      <Table.Tr key={person.id}>
                        <Table.Td>
                          <Text fw={500} size="sm">
                            {person.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {person.email}
                          </Text>
                        </Table.Td>
                        <Table.Td>{person.department || '—'}</Table.Td>
                        <Table.Td>{person.jobTitle || '—'}</Table.Td>
                        <Table.Td>{person.managerEmail ?? '—'}</Table.Td>
                        <Table.Td>
                          <Badge color={person.status === 'active' ? 'green' : 'gray'}>
                            {person.status === 'active' ? 'Active' : 'Left'}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{formatDate(person.startDate)}</Table.Td>
                        <Table.Td>{formatDate(person.endDate)}</Table.Td>
                        <Table.Td>{formatDateTime(person.leftAt)}</Table.Td>
                        <Table.Td>{person.source === 'scim' ? 'SCIM' : 'CSV'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMore list={people} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
