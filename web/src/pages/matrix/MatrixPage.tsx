import { Anchor, Badge, Button, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { Link, useSearchParams } from 'react-router';
import { apiUrl } from '../../api/web-client.js';
import { useMatrix } from '../../api/register.js';
import type { MatrixRowView } from '../../api/types.js';
import { CriticalityBadge } from '../../components/badges.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';

type Grouping = 'process' | 'asset';

interface MatrixGroup {
  key: string;
  title: string;
  to: string;
  rows: MatrixRowView[];
}

/** Groups the rows under each process, or under each asset, in name order. */
function groupRows(rows: MatrixRowView[], by: Grouping): MatrixGroup[] {
  const groups = new Map<string, MatrixGroup>();
  for (const row of rows) {
    const key = by === 'process' ? row.processKey : row.assetKey;
    let group = groups.get(key);
    if (!group) {
      group =
        by === 'process'
          ? { key, title: row.processName, to: `/processes/${encodeURIComponent(key)}`, rows: [] }
          : { key, title: row.assetName, to: `/assets/${encodeURIComponent(key)}`, rows: [] };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  return [...groups.values()].sort((a, b) => a.title.localeCompare(b.title));
}

/** The process-to-infrastructure matrix: which process needs which asset, and how it is controlled. */
export function MatrixPage() {
  const [params, setParams] = useSearchParams();
  const by: Grouping = params.get('by') === 'asset' ? 'asset' : 'process';
  const matrix = useMatrix();

  return (
    <>
      <PageHeader
        title="Process matrix"
        description="Which infrastructure each process depends on, what fails if it breaks, how it is controlled and where the evidence is kept."
        actions={
          <Button component="a" variant="default" href={apiUrl('/matrix/export.csv')} download>
            Export CSV
          </Button>
        }
      />
      <Group mb="md">
        <SegmentedControl
          value={by}
          onChange={(value) =>
            setParams(value === 'asset' ? { by: 'asset' } : {}, { replace: true })
          }
          data={[
            { value: 'process', label: 'By process' },
            { value: 'asset', label: 'By asset' },
          ]}
        />
      </Group>
      <QueryView query={matrix}>
        {(rows) =>
          rows.length === 0 ? (
            <EmptyMessage title="The matrix is empty">
              Link assets to processes from a process page.
            </EmptyMessage>
          ) : (
            <MatrixTable groups={groupRows(rows, by)} by={by} />
          )
        }
      </QueryView>
    </>
  );
}

function MatrixTable({ groups, by }: { groups: MatrixGroup[]; by: Grouping }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" withTableBorder data-testid="matrix-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{by === 'process' ? 'Asset' : 'Process'}</Table.Th>
            <Table.Th miw={110}>{by === 'process' ? 'Criticality' : 'Affects conformity'}</Table.Th>
            <Table.Th>Conformity impact</Table.Th>
            <Table.Th>Control method</Table.Th>
            <Table.Th>Evidence</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((group) => (
            <Fragment key={group.key}>
              <Table.Tr bg="var(--mantine-color-gray-0)">
                <Table.Td colSpan={5}>
                  <Anchor component={Link} to={group.to} fw={600}>
                    {group.title}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">
                    {group.key} · {group.rows.length} link{group.rows.length === 1 ? '' : 's'}
                  </Text>
                </Table.Td>
              </Table.Tr>
              {group.rows.map((row) => (
                <Table.Tr key={row.id} data-testid="matrix-row">
                  <Table.Td pl="xl">
                    {by === 'process' ? (
                      <Anchor component={Link} to={`/assets/${encodeURIComponent(row.assetKey)}`}>
                        {row.assetName}
                      </Anchor>
                    ) : (
                      <Anchor
                        component={Link}
                        to={`/processes/${encodeURIComponent(row.processKey)}`}
                      >
                        {row.processName}
                      </Anchor>
                    )}
                    {by === 'process' && row.thirdPartyManaged ? (
                      <Badge ml={6} size="xs" variant="outline" color="gray">
                        Third party
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {by === 'process' ? (
                      <CriticalityBadge criticality={row.assetCriticality} />
                    ) : row.affectsConformity ? (
                      'Yes'
                    ) : (
                      'No'
                    )}
                  </Table.Td>
                  <Table.Td>{row.conformityImpact}</Table.Td>
                  <Table.Td>{row.controlMethod}</Table.Td>
                  <Table.Td>{row.evidenceLocation}</Table.Td>
                </Table.Tr>
              ))}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
