import { Badge, Group, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useOutbox, type OutboxFilter } from '../../api/notifications.js';
import type { NotificationView } from '../../api/types.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';

const STATUS_COLORS: Record<NotificationView['status'], string> = {
  pending: 'blue',
  sending: 'cyan',
  sent: 'teal',
  failed: 'red',
  cancelled: 'gray',
};

const STATUSES = Object.keys(STATUS_COLORS) as NotificationView['status'][];

/** Admin: every queued e-mail, newest first, with its delivery state and the server's answers. */
export function OutboxPage() {
  const [filter, setFilter] = useState<OutboxFilter>({});
  const outbox = useOutbox(filter);
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every e-mail Plumbline queued, newest first. Alerts and invitations are urgent and leave at once; other notifications are grouped into at most one e-mail per person per hour."
      />
      <Group mb="md">
        <Select
          label="Status"
          placeholder="Any"
          clearable
          data={STATUSES}
          value={filter.status ?? null}
          onChange={(value) => setFilter({ ...filter, status: value ?? undefined })}
        />
        <Select
          label="Priority"
          placeholder="Any"
          clearable
          data={['urgent', 'bulk']}
          value={filter.priority ?? null}
          onChange={(value) => setFilter({ ...filter, priority: value ?? undefined })}
        />
      </Group>
      <QueryView query={outbox}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No messages">Nothing matches these filters.</EmptyMessage>
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped verticalSpacing="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Queued</Table.Th>
                      <Table.Th>To</Table.Th>
                      <Table.Th>Subject</Table.Th>
                      <Table.Th>Category</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Sent</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((message) => (
                      <Table.Tr key={message.id}>
                        <Table.Td>{formatDateTime(message.createdAt)}</Table.Td>
                        <Table.Td>{message.recipient}</Table.Td>
                        <Table.Td>
                          <Text size="sm">{message.subject}</Text>
                          {message.lastError ? (
                            <Text size="xs" c="red">
                              {message.lastError}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          {message.category}
                          {message.priority === 'urgent' ? (
                            <Badge ml="xs" color="orange" variant="light">
                              urgent
                            </Badge>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <Badge color={STATUS_COLORS[message.status]} variant="light">
                            {message.status}
                          </Badge>
                          {message.attempts > 0 ? (
                            <Text size="xs" c="dimmed">
                              {message.attempts} attempt(s)
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>{message.sentAt ? formatDateTime(message.sentAt) : '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMore list={outbox} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
