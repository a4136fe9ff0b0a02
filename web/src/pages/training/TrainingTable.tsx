import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDate } from '../../components/format.js';
import { TrainingStateBadge } from './TrainingStateBadge.js';
import type { TrainingAssignmentView } from './training-api.js';

/**
 * Training assignments: the document and version, assigned, due, completed and score. `own`
 * links each row to the caller's page for taking it; the register names the person instead.
 */
export function TrainingTable({ items, own }: { items: TrainingAssignmentView[]; own: boolean }) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="training">
        <Table.Thead>
          <Table.Tr>
            {own ? null : <Table.Th>Person</Table.Th>}
            <Table.Th>Document</Table.Th>
            <Table.Th>Mode</Table.Th>
            <Table.Th>Assigned</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Completed</Table.Th>
            <Table.Th>Score</Table.Th>
            <Table.Th>State</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id} data-training={item.document}>
              {own ? null : (
                <Table.Td>
                  <Text size="sm">{item.person.name}</Text>
                  <Text size="xs" c="dimmed">
                    {item.person.email}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>
                {own ? (
                  <Anchor component={Link} to={`/training/${item.id}`} fw={500}>
                    {item.document} v{item.version} · {item.title}
                  </Anchor>
                ) : (
                  <Anchor component={Link} to={`/documents/${encodeURIComponent(item.document)}`}>
                    {item.document} v{item.version} · {item.title}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>{item.mode === 'quiz' ? 'Quiz' : 'Read and acknowledge'}</Table.Td>
              <Table.Td>{formatDate(item.assignedAt)}</Table.Td>
              <Table.Td>{formatDate(item.dueAt)}</Table.Td>
              <Table.Td>{formatDate(item.completedAt)}</Table.Td>
              <Table.Td>{item.score === null ? '—' : `${item.score}%`}</Table.Td>
              <Table.Td>
                <TrainingStateBadge state={item.state} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
