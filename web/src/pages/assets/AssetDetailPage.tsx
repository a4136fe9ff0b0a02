import { Anchor, Badge, Button, Grid, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useAsset, useMatrix } from '../../api/register.js';
import type { AssetView } from '../../api/types.js';
import { useCan } from '../../auth/permissions.js';
import { CriticalityBadge, YesNoBadge } from '../../components/badges.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { formatDate, formatDateTime } from '../../components/format.js';
import {
  CATEGORY_LABELS,
  DATA_CLASSIFICATION_LABELS,
  ENVIRONMENT_LABELS,
  LIFECYCLE_LABELS,
  OWNER_ROLE_LABELS,
} from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { useRequiredParam } from '../../components/params.js';
import { AssetHistory } from './AssetHistory.js';
import { AssetFindingsSection } from '../findings/AssetFindingsSection.js';

export function AssetDetailPage() {
  const key = useRequiredParam('key');
  const asset = useAsset(key);
  return <QueryView query={asset}>{(data) => <AssetDetail asset={data} />}</QueryView>;
}

function AssetDetail({ asset }: { asset: AssetView }) {
  const can = useCan();
  return (
    <>
      <PageHeader
        title={asset.name}
        crumbs={[{ label: 'Assets', to: '/assets' }]}
        description={asset.purpose || undefined}
        badges={
          <>
            <CriticalityBadge criticality={asset.criticality} />
            <Badge variant="outline" color="gray">
              {LIFECYCLE_LABELS[asset.lifecycleStatus]}
            </Badge>
          </>
        }
        actions={
          can('register:write') ? (
            <Button component={Link} to={`/assets/${encodeURIComponent(asset.key)}/edit`}>
              Edit
            </Button>
          ) : null
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Section title="Record">
              <DetailGrid
                details={[
                  { label: 'Key', value: asset.key },
                  { label: 'Category', value: CATEGORY_LABELS[asset.category] },
                  { label: 'Environment', value: ENVIRONMENT_LABELS[asset.environment] },
                  { label: 'Owner role', value: OWNER_ROLE_LABELS[asset.ownerRole] },
                  { label: 'Owner person', value: asset.ownerPerson },
                  {
                    label: 'Supplier',
                    value: asset.supplierKey ? (
                      <Anchor
                        component={Link}
                        to={`/suppliers/${encodeURIComponent(asset.supplierKey)}`}
                      >
                        {asset.supplierName ?? asset.supplierKey}
                      </Anchor>
                    ) : (
                      'None'
                    ),
                  },
                  {
                    label: 'Third-party managed',
                    value: <YesNoBadge value={asset.thirdPartyManaged} />,
                  },
                  {
                    label: 'Data classification',
                    value: DATA_CLASSIFICATION_LABELS[asset.dataClassification],
                  },
                  { label: 'Region', value: asset.region },
                  { label: 'Configuration reference', value: asset.configurationReference },
                  { label: 'Last reviewed', value: formatDate(asset.lastReviewedOn) },
                  { label: 'Next review due', value: formatDate(asset.nextReviewDueOn) },
                  {
                    label: 'Tags',
                    value:
                      asset.tags.length > 0 ? (
                        <Group gap={4}>
                          {asset.tags.map((tag) => (
                            <Badge key={tag} variant="default" size="sm">
                              {tag}
                            </Badge>
                          ))}
                        </Group>
                      ) : null,
                  },
                  { label: 'Criticality rationale', value: asset.criticalityRationale, wide: true },
                  { label: 'Acceptance criteria', value: asset.acceptanceCriteria, wide: true },
                ]}
              />
              <Text size="xs" c="dimmed">
                Version {asset.version} · created {formatDateTime(asset.createdAt)} · updated{' '}
                {formatDateTime(asset.updatedAt)}
              </Text>
            </Section>
            <DependentProcesses assetKey={asset.key} />
            {can('work:read') ? <AssetFindingsSection assetKey={asset.key} /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Section title="History">
            <AssetHistory assetKey={asset.key} />
          </Section>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** The processes that rely on this asset, from the process-to-infrastructure matrix. */
function DependentProcesses({ assetKey }: { assetKey: string }) {
  const rows = useMatrix({ asset: assetKey });
  return (
    <Section title="Processes that depend on it">
      <QueryView query={rows}>
        {(items) =>
          items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No process is linked to this asset yet. Link it from a process page.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Process</Table.Th>
                    <Table.Th>Conformity impact</Table.Th>
                    <Table.Th>Control method</Table.Th>
                    <Table.Th>Evidence</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((row) => (
                    <Table.Tr key={row.id}>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/processes/${encodeURIComponent(row.processKey)}`}
                        >
                          {row.processName}
                        </Anchor>
                        {row.affectsConformity ? (
                          <Badge ml={6} size="xs" variant="light">
                            Conformity
                          </Badge>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{row.conformityImpact}</Table.Td>
                      <Table.Td>{row.controlMethod}</Table.Td>
                      <Table.Td>{row.evidenceLocation}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
    </Section>
  );
}
