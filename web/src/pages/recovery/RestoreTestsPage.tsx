import { Anchor, Button, Table } from '@mantine/core';
import { Link } from 'react-router';
import { useRestoreTests } from '../../api/recovery.js';
import { useCan } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/QueryView.js';
import { OutcomeBadge, RecordStatusBadge, formatSeconds } from './RecoveryParts.js';

/** Restore tests, latest first, with their measured recovery time and point. */
export function RestoreTestsPage() {
  const can = useCan();
  const tests = useRestoreTests();
  return (
    <>
      <PageHeader
        title="Restore tests"
        description="Backups restored and checked, measured against each asset's recovery objectives."
        actions={
          can('work:perform') ? (
            <Button component={Link} to="/restore-tests/new">
              Record a restore test
            </Button>
          ) : null
        }
      />
      <QueryView query={tests}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No restore tests yet">
              Record the first one after restoring a backup.
            </EmptyMessage>
          ) : (
            <>
              <Table.ScrollContainer minWidth={800}>
                <Table striped verticalSpacing="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Test</Table.Th>
                      <Table.Th>Asset</Table.Th>
                      <Table.Th>Finished</Table.Th>
                      <Table.Th>RTO (target)</Table.Th>
                      <Table.Th>RPO (target)</Table.Th>
                      <Table.Th>Outcome</Table.Th>
                      <Table.Th>Status</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((test) => (
                      <Table.Tr key={test.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/restore-tests/${test.id}`}>
                            {test.number}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{test.assetKey}</Table.Td>
                        <Table.Td>{formatDateTime(test.finishedAt)}</Table.Td>
                        <Table.Td>
                          {formatSeconds(test.measuredRtoSeconds)} ({test.targetRto})
                        </Table.Td>
                        <Table.Td>
                          {formatSeconds(test.measuredRpoSeconds)} ({test.targetRpo})
                        </Table.Td>
                        <Table.Td>
                          <OutcomeBadge outcome={test.outcome} />
                        </Table.Td>
                        <Table.Td>
                          <RecordStatusBadge status={test.status} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMore list={tests} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
