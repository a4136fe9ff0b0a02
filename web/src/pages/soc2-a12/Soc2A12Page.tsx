import { Anchor, Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useSoc2A12, type Soc2A12Page as Soc2A12Data } from '../../api/recovery.js';
import { PostureStatusBadge } from '../../components/badges.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { OutcomeBadge } from '../recovery/RecoveryParts.js';

const KIND_LABELS = { criterion: 'Criterion', action: 'Action item', focus: 'Point of focus' };

function Evidence({ evidence }: { evidence: Soc2A12Data['evidence'] }) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <Section title="Backups">
        <Group gap="xs">
          {Object.entries(evidence.backups.counts).map(([status, count]) => (
            <Badge key={status} variant="light">
              {status.replace('_', ' ')}: {count}
            </Badge>
          ))}
        </Group>
        {evidence.backups.latestRuns.map((run) => (
          <Text key={run.id} size="sm">
            {formatDateTime(run.startedAt)} · {run.assetKey} · {run.tool} · {run.status}
          </Text>
        ))}
        <Text size="sm" c="dimmed">
          {evidence.backups.recentIncidents.length} recent incident(s)
        </Text>
        <Text size="sm">
          Retention: {evidence.backups.retention.met} met, {evidence.backups.retention.notMet} not
          met, {evidence.backups.retention.noListing} without a snapshot listing
        </Text>
        {evidence.backups.retention.assetsNotMet.map((asset) => (
          <Text key={asset.assetKey} size="sm" c="red">
            {asset.assetKey}: oldest point {formatDateTime(asset.oldestPointAt)}, kept{' '}
            {asset.retention} requires one by {formatDateTime(asset.requiredOldestPointAt)}
          </Text>
        ))}
      </Section>
      <Section title="Restore tests">
        <Text size="sm">
          {evidence.restoreTests.total} recorded, {evidence.restoreTests.passed} passed,{' '}
          {evidence.restoreTests.failed} failed, {evidence.restoreTests.verified} verified
        </Text>
        {evidence.restoreTests.latest.map((test) => (
          <Group key={test.id} gap="xs">
            <Anchor component={Link} to={`/restore-tests/${test.id}`} size="sm">
              {test.number}
            </Anchor>
            <Text size="sm">{test.assetKey}</Text>
            <OutcomeBadge outcome={test.outcome} />
          </Group>
        ))}
      </Section>
      <Section title="DR exercises">
        <Text size="sm">{evidence.drExercises.total} recorded</Text>
        {evidence.drExercises.latest.map((exercise) => (
          <Group key={exercise.id} gap="xs">
            <Anchor component={Link} to={`/dr-exercises/${exercise.id}`} size="sm">
              {exercise.number}
            </Anchor>
            <Text size="sm">{exercise.type}</Text>
            <OutcomeBadge outcome={exercise.outcome} />
          </Group>
        ))}
      </Section>
      <Section title="Open deficiencies">
        {evidence.openDeficiencies.length === 0 ? (
          <Text size="sm" c="dimmed">
            None open.
          </Text>
        ) : (
          evidence.openDeficiencies.map((item) => (
            <Group key={item.id} gap="xs">
              <Anchor component={Link} to="/nonconformances" size="sm">
                {item.number}
              </Anchor>
              <Text size="sm">{item.title}</Text>
              {item.overdue ? <Badge color="red">overdue</Badge> : null}
            </Group>
          ))
        )}
      </Section>
    </SimpleGrid>
  );
}

/** SOC 2 A1.2: each action item and point of focus, its status, its controls and the evidence. */
export function Soc2A12Page() {
  const page = useSoc2A12();
  return (
    <QueryView query={page}>
      {(data) => (
        <>
          <PageHeader
            title="SOC 2 A1.2 — backup and recovery"
            description={`As the records stood at ${formatDateTime(data.at)}.`}
            badges={<PostureStatusBadge status={data.status} />}
          />
          <Stack gap="lg">
            <Table.ScrollContainer minWidth={640}>
              <Table striped verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Item</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Controls</Table.Th>
                    <Table.Th>Evidence</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((item) => (
                    <Table.Tr key={item.key}>
                      <Table.Td>
                        <Text size="xs" c="dimmed">
                          {KIND_LABELS[item.kind]} · {item.reference}
                        </Text>
                        <Text size="sm">{item.title}</Text>
                      </Table.Td>
                      <Table.Td>
                        <PostureStatusBadge status={item.status} />
                      </Table.Td>
                      <Table.Td>
                        {item.controls.map((control) => (
                          <Group key={control.key} gap={4}>
                            <Anchor component={Link} to={`/controls/${control.key}`} size="sm">
                              {control.title}
                            </Anchor>
                            <PostureStatusBadge status={control.status} />
                          </Group>
                        ))}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{item.evidenceKinds.join(', ')}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Evidence evidence={data.evidence} />
          </Stack>
        </>
      )}
    </QueryView>
  );
}
