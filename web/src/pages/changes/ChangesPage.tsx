import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useChanges, useFlaggedDeployments, type ChangeView } from '../../api/changes.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';

/** What a change's timestamps say: yes, no (late), or not yet known. */
export function Judged({ value }: { value: boolean | null }) {
  if (value === null)
    return (
      <Text size="sm" c="dimmed">
        not yet
      </Text>
    );
  return value ? <Badge color="teal">yes</Badge> : <Badge color="red">no</Badge>;
}

function ChangeRow({ change }: { change: ChangeView }) {
  return (
    <Table.Tr data-change={change.number}>
      <Table.Td>
        <Anchor component={Link} to={`/changes/${change.id}`} size="sm">
          {change.number} · {change.title}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Badge color={change.type === 'emergency' ? 'red' : 'gray'}>{change.type}</Badge>
      </Table.Td>
      <Table.Td>{change.status}</Table.Td>
      <Table.Td>{formatDateTime(change.requestedAt)}</Table.Td>
      <Table.Td>
        <Judged value={change.approvedBeforeImplementation} />
      </Table.Td>
      <Table.Td>
        <Judged value={change.verifiedWithin48h} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Change records, and the production deployments no approved change covered. */
export function ChangesPage() {
  const changes = useChanges();
  const flagged = useFlaggedDeployments();
  return (
    <>
      <PageHeader
        title="Changes"
        description="Infrastructure changes: approved by someone else before implementation, verified within 48 hours."
      />
      <Stack gap="lg">
        <QueryView query={changes}>
          {(items) =>
            items.length === 0 ? (
              <EmptyMessage title="No changes">No change has been requested.</EmptyMessage>
            ) : (
              <>
                <Table.ScrollContainer minWidth={800}>
                  <Table striped verticalSpacing="sm" data-testid="changes">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Change</Table.Th>
                        <Table.Th>Type</Table.Th>
                        <Table.Th>Status</Table.Th>
                        <Table.Th>Requested</Table.Th>
                        <Table.Th>Approved before</Table.Th>
                        <Table.Th>Verified in 48 h</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {items.map((change) => (
                        <ChangeRow key={change.id} change={change} />
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <LoadMore list={changes} />
              </>
            )
          }
        </QueryView>
        <Section title="Deployments without an approved change">
          <QueryView query={flagged}>
            {(items) =>
              items.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Every production deployment received was covered by an approved change.
                </Text>
              ) : (
                <>
                  <Table striped data-testid="flagged-deployments">
                    <Table.Tbody>
                      {items.map((event) => (
                        <Table.Tr key={event.id}>
                          <Table.Td>{formatDateTime(event.occurredAt)}</Table.Td>
                          <Table.Td>
                            {event.repository} → {event.environment ?? ''}
                          </Table.Td>
                          <Table.Td>{event.assets.join(', ')}</Table.Td>
                          <Table.Td>{event.flagReason}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                  <LoadMore list={flagged} />
                </>
              )
            }
          </QueryView>
        </Section>
      </Stack>
    </>
  );
}
