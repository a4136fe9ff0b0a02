import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/QueryView.js';
import { SEVERITY_COLORS, STATUS_LABELS } from './finding-labels.js';
import { useFindings, type FindingFilters, type FindingView } from './findings-api.js';

/** A finding's SLA deadline, marked when it has passed with the finding still open. */
export function SlaDue({ finding }: { finding: FindingView }) {
  if (finding.slaDueAt === null)
    return (
      <Text size="sm" c="dimmed">
        No deadline
      </Text>
    );
  return (
    <Text size="sm" c={finding.overdue ? 'red' : undefined} fw={finding.overdue ? 600 : undefined}>
      {formatDateTime(finding.slaDueAt)}
      {finding.overdue ? ' · overdue' : ''}
    </Text>
  );
}

/** A table of findings with their SLA due dates; `showAsset` adds the asset column. */
export function FindingsTable({
  filters,
  showAsset,
}: {
  filters: FindingFilters;
  showAsset: boolean;
}) {
  const findings = useFindings(filters);
  return (
    <QueryView query={findings}>
      {(items) =>
        items.length === 0 ? (
          <EmptyMessage title="No findings">
            No scan has reported a finding that matches.
          </EmptyMessage>
        ) : (
          <>
            <Table.ScrollContainer minWidth={800}>
              <Table striped verticalSpacing="sm" aria-label="Findings" data-testid="findings">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Vulnerability</Table.Th>
                    <Table.Th>Package</Table.Th>
                    {showAsset ? <Table.Th>Asset</Table.Th> : null}
                    <Table.Th>Severity</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>First seen</Table.Th>
                    <Table.Th>SLA due</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((finding) => (
                    <Table.Tr key={finding.id} data-finding={finding.vulnerabilityId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/findings/${finding.id}`} size="sm" fw={500}>
                          {finding.vulnerabilityId}
                        </Anchor>
                        {finding.title ? (
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {finding.title}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {finding.packageName} {finding.installedVersion}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {finding.fixAvailable
                            ? `Fixed in ${finding.fixedVersion}`
                            : 'No fix available'}
                        </Text>
                      </Table.Td>
                      {showAsset ? (
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/assets/${encodeURIComponent(finding.assetKey)}`}
                            size="sm"
                          >
                            {finding.assetKey}
                          </Anchor>
                        </Table.Td>
                      ) : null}
                      <Table.Td>
                        <Badge color={SEVERITY_COLORS[finding.severity]} variant="light">
                          {finding.severity}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{STATUS_LABELS[finding.status]}</Text>
                        {finding.status === 'accepted' && finding.acceptedUntil ? (
                          <Text size="xs" c="dimmed">
                            until {formatDateTime(finding.acceptedUntil)}
                          </Text>
                        ) : null}
                        {finding.status === 'fixed' ? (
                          <Text size="xs" c="dimmed">
                            {formatDateTime(finding.fixedAt)}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{formatDateTime(finding.firstSeenAt)}</Table.Td>
                      <Table.Td>
                        <SlaDue finding={finding} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMore list={findings} />
          </>
        )
      }
    </QueryView>
  );
}
