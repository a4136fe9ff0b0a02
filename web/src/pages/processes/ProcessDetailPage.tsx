import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMatrix, useProcess, useUnlinkMatrixRow } from '../../api/register.js';
import type { MatrixRowView, ProcessView } from '../../api/types.js';
import { useCan } from '../../auth/permissions.js';
import { CriticalityBadge, YesNoBadge } from '../../components/badges.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { OWNER_ROLE_LABELS } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { useRequiredParam } from '../../components/params.js';
import { EditMatrixRowDialog } from './EditMatrixRowDialog.js';
import { LinkAssetForm } from './LinkAssetForm.js';

export function ProcessDetailPage() {
  const key = useRequiredParam('key');
  const process = useProcess(key);
  return <QueryView query={process}>{(data) => <ProcessDetail process={data} />}</QueryView>;
}

function ProcessDetail({ process }: { process: ProcessView }) {
  const can = useCan();
  const rows = useMatrix({ process: process.key });
  const linked = new Set((rows.data ?? []).map((row) => row.assetKey));
  return (
    <>
      <PageHeader
        title={process.name}
        crumbs={[{ label: 'Processes', to: '/processes' }]}
        description={process.description || undefined}
        badges={
          process.affectsConformity ? <Badge variant="light">Affects conformity</Badge> : null
        }
        actions={
          <Group gap="xs">
            {can('reports:read') ? (
              <Button
                variant="default"
                component={Link}
                to={`/processes/${encodeURIComponent(process.key)}/walkthrough`}
              >
                Walkthrough
              </Button>
            ) : null}
            {can('register:write') ? (
              <Button component={Link} to={`/processes/${encodeURIComponent(process.key)}/edit`}>
                Edit
              </Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="lg">
        <Section title="Record">
          <DetailGrid
            details={[
              { label: 'Key', value: process.key },
              { label: 'Owner role', value: OWNER_ROLE_LABELS[process.ownerRole] },
              {
                label: 'Affects conformity',
                value: <YesNoBadge value={process.affectsConformity} />,
              },
            ]}
          />
        </Section>
        <Section title="Infrastructure it depends on">
          <QueryView query={rows}>
            {(items) => <ProcessMatrixTable rows={items} editable={can('register:write')} />}
          </QueryView>
        </Section>
        {can('register:write') ? (
          <Section title="Link an asset">
            <LinkAssetForm processKey={process.key} linkedAssetKeys={linked} />
          </Section>
        ) : null}
      </Stack>
    </>
  );
}

function ProcessMatrixTable({ rows, editable }: { rows: MatrixRowView[]; editable: boolean }) {
  const unlink = useUnlinkMatrixRow();
  const [editing, setEditing] = useState<MatrixRowView | null>(null);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No asset is linked to this process yet.
      </Text>
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={800}>
        <Table verticalSpacing="sm" data-testid="process-matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Asset</Table.Th>
              <Table.Th miw={110}>Criticality</Table.Th>
              <Table.Th>Conformity impact</Table.Th>
              <Table.Th>Control method</Table.Th>
              <Table.Th>Evidence</Table.Th>
              {editable ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/assets/${encodeURIComponent(row.assetKey)}`}>
                    {row.assetName}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {row.assetKey}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CriticalityBadge criticality={row.assetCriticality} />
                </Table.Td>
                <Table.Td>{row.conformityImpact}</Table.Td>
                <Table.Td>{row.controlMethod}</Table.Td>
                <Table.Td>{row.evidenceLocation}</Table.Td>
                {editable ? (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button size="compact-xs" variant="subtle" onClick={() => setEditing(row)}>
                        Edit
                      </Button>
                      <ConfirmButton
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        title="Unlink asset"
                        message={`Remove ${row.assetName} from ${row.processName}? The change is recorded in the audit log.`}
                        confirmLabel="Unlink"
                        loading={unlink.isPending}
                        onConfirm={() =>
                          unlink.mutate(row.id, {
                            onSuccess: () =>
                              notifications.show({ message: `${row.assetName} unlinked` }),
                          })
                        }
                      >
                        Unlink
                      </ConfirmButton>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing ? <EditMatrixRowDialog row={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
