import { Grid, List, Stack, Table, Text } from '@mantine/core';
import { useParams } from 'react-router';
import { useDrExercise, type DrExerciseDetail } from '../../api/recovery.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { formatDateTime } from '../../components/format.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import {
  RecordDeficiencies,
  RecordHeader,
  RecoveryEvidence,
  formatSeconds,
} from './RecoveryParts.js';

function DrExercise({ exercise }: { exercise: DrExerciseDetail }) {
  const completed = exercise.status === 'completed';
  return (
    <>
      <RecordHeader
        title={`${exercise.number} · ${exercise.type}`}
        crumb={{ label: 'DR exercises', to: '/dr-exercises' }}
        description={exercise.scenario}
        record={exercise}
        noun="DR exercise"
        target={{ kind: 'dr-exercise', id: exercise.id }}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Section title="Recovery times against the targets">
              <Table>
                <Table.Tbody>
                  {exercise.recoveryMeasurements.map((measurement) => (
                    <Table.Tr key={measurement.subject}>
                      <Table.Td>{measurement.subject}</Table.Td>
                      <Table.Td>{formatSeconds(measurement.measuredSeconds)}</Table.Td>
                      <Table.Td>target {measurement.targetRto}</Table.Td>
                      <Table.Td c={measurement.met ? 'teal' : 'red'}>
                        {measurement.met ? 'met' : 'missed'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Section>
            <Section title="Timeline">
              <List size="sm">
                {exercise.timeline.map((entry) => (
                  <List.Item key={`${entry.at}-${entry.description}`}>
                    {formatDateTime(entry.at)} — {entry.description}
                  </List.Item>
                ))}
              </List>
            </Section>
            <Section title="Summary">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {exercise.summary || '—'}
              </Text>
            </Section>
            <RecoveryEvidence
              evidence={exercise.evidence}
              target={{ kind: 'dr-exercise', id: exercise.id }}
              canUpload={completed}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <Section title="Participants">
              <List size="sm">
                {exercise.participants.map((participant) => (
                  <List.Item key={`${participant.name}-${participant.role}`}>
                    {participant.name} ({participant.role})
                  </List.Item>
                ))}
              </List>
            </Section>
            <Section title="Sign-off">
              <DetailGrid
                details={[
                  { label: 'Recorded by', value: exercise.recordedByLabel },
                  { label: 'Verified by', value: exercise.verifierLabel },
                  { label: 'Verified at', value: formatDateTime(exercise.verifiedAt) },
                ]}
              />
            </Section>
            <RecordDeficiencies deficiencies={exercise.deficiencies} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** One DR exercise: measurements, timeline, participants, deficiencies and its sign-off. */
export function DrExercisePage() {
  const { id = '' } = useParams();
  const exercise = useDrExercise(id);
  return <QueryView query={exercise}>{(data) => <DrExercise exercise={data} />}</QueryView>;
}
