import { Anchor, Button, Table } from '@mantine/core';
import { Link } from 'react-router';
import { useDrExercises } from '../../api/recovery.js';
import { useCan } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/QueryView.js';
import { OutcomeBadge, RecordStatusBadge } from './RecoveryParts.js';

/** Disaster-recovery exercises, latest first. */
export function DrExercisesPage() {
  const can = useCan();
  const exercises = useDrExercises();
  return (
    <>
      <PageHeader
        title="DR exercises"
        description="Tabletop walk-throughs and live failovers of the disaster recovery plan."
        actions={
          can('work:perform') ? (
            <Button component={Link} to="/dr-exercises/new">
              Record an exercise
            </Button>
          ) : null
        }
      />
      <QueryView query={exercises}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No exercises yet">Record this year's DR exercise.</EmptyMessage>
          ) : (
            <>
              <Table.ScrollContainer minWidth={560}>
                <Table striped verticalSpacing="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Exercise</Table.Th>
                      <Table.Th>Type</Table.Th>
                      <Table.Th>Finished</Table.Th>
                      <Table.Th>Outcome</Table.Th>
                      <Table.Th>Status</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((exercise) => (
                      <Table.Tr key={exercise.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/dr-exercises/${exercise.id}`}>
                            {exercise.number}
                          </Anchor>{' '}
                          {exercise.scenario.slice(0, 80)}
                        </Table.Td>
                        <Table.Td>{exercise.type}</Table.Td>
                        <Table.Td>{formatDateTime(exercise.finishedAt)}</Table.Td>
                        <Table.Td>
                          <OutcomeBadge outcome={exercise.outcome} />
                        </Table.Td>
                        <Table.Td>
                          <RecordStatusBadge status={exercise.status} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMore list={exercises} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
