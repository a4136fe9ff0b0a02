import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Posture } from '../../api/work-types.js';
import { formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';

/**
 * ISO 13485 6.2 beside the controls: each person without current training for an effective
 * document at the posture's instant, overdue or never assigned.
 */
export function TrainingGapsSection({ training }: { training: Posture['training'] }) {
  return (
    <Section title={`Training (${training.requirement})`}>
      {training.gapCount === 0 ? (
        <Text size="sm" c="dimmed">
          Everyone in a required department has current training on every effective document.
        </Text>
      ) : (
        <>
          <Text size="sm">
            {training.gapCount} {training.gapCount === 1 ? 'gap' : 'gaps'}: people without current
            training for an effective document
            {training.gaps.length < training.gapCount
              ? ` (the first ${training.gaps.length} shown)`
              : ''}
            .
          </Text>
          <Table.ScrollContainer minWidth={700}>
            <Table striped verticalSpacing="sm" data-testid="posture-training-gaps">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Person</Table.Th>
                  <Table.Th>Document</Table.Th>
                  <Table.Th>Gap</Table.Th>
                  <Table.Th>Due</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {training.gaps.map((gap) => (
                  <Table.Tr key={`${gap.person.email} ${gap.document} ${gap.version}`}>
                    <Table.Td>
                      <Text size="sm">{gap.person.name}</Text>
                      <Text size="xs" c="dimmed">
                        {gap.person.email} · {gap.person.role}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/documents/${encodeURIComponent(gap.document)}`}
                        size="sm"
                      >
                        {gap.document} v{gap.version}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {gap.title}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={gap.state === 'overdue' ? 'red' : 'orange'} variant="light">
                        {gap.state === 'overdue' ? 'Overdue' : 'Never assigned'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{gap.dueAt ? formatDateTime(gap.dueAt) : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Section>
  );
}
