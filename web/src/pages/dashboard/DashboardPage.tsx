import { Anchor, Grid, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { useAssets, useProcesses, useSuppliers } from '../../api/register.js';
import { useReviewCampaigns } from '../../api/reviews.js';
import type { AssetView, Criticality, SupplierView } from '../../api/types.js';
import { useCan, useCurrentUser } from '../../auth/permissions.js';
import { formatDate, todayIsoDate } from '../../components/format.js';
import { CRITICALITY_COLORS, CRITICALITY_LABELS, optionsOf } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { Loading } from '../../components/Loading.js';
import { ReviewProgress } from '../reviews/ReviewProgress.js';
import { StatCard } from './StatCard.js';
import { MyWorkCounts, PostureSummary } from './WorkSummary.js';

/** The charts come in their own chunk, after the tiles: the numbers show first. */
const DashboardCharts = lazy(async () => ({
  default: (await import('./DashboardCharts.js')).DashboardCharts,
}));

function inUse(asset: AssetView): boolean {
  return asset.lifecycleStatus !== 'decommissioned';
}

function hasExpiredCertification(supplier: SupplierView): boolean {
  return supplier.certifications.some((certification) => certification.expired);
}

/** The state of the register at a glance, each number linking to its list. */
export function DashboardPage() {
  const user = useCurrentUser();
  const can = useCan();
  return (
    <>
      <PageHeader
        title={`Welcome, ${user.name}`}
        description="The state of the infrastructure register and of the control work."
      />
      <Stack gap="lg">
        {can('work:read') ? <MyWorkCounts /> : null}
        <PostureSummary />
        <Headlines />
        <Suspense fallback={<Loading />}>
          <DashboardCharts />
        </Suspense>
        <AssetsByCriticality />
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <ExpiredCertifications />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <OpenReviews />
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

function Headlines() {
  const assets = useAssets();
  const processes = useProcesses();
  const suppliers = useSuppliers();
  const reviews = useReviewCampaigns();
  const active = (assets.data ?? []).filter(inUse);
  const today = todayIsoDate();
  const overdue = active.filter(
    (asset) => asset.nextReviewDueOn !== null && asset.nextReviewDueOn < today,
  ).length;
  const expired = (suppliers.data ?? []).filter(hasExpiredCertification).length;
  const openReviews = (reviews.data ?? []).filter((campaign) => campaign.status === 'open');
  const pending = (query: { isPending: boolean }, value: number) => (query.isPending ? '…' : value);
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} data-testid="headline-counts">
      <StatCard
        label="Assets in use"
        value={pending(assets, active.length)}
        to="/assets"
        hint={overdue > 0 ? `${overdue} overdue for review` : 'None overdue for review'}
        color={overdue > 0 ? 'orange' : undefined}
      />
      <StatCard
        label="Processes"
        value={pending(processes, processes.data?.length ?? 0)}
        to="/processes"
        hint={`${(processes.data ?? []).filter((process) => process.affectsConformity).length} affect conformity`}
      />
      <StatCard
        label="Suppliers with expired certifications"
        value={pending(suppliers, expired)}
        to="/suppliers"
        hint={`of ${suppliers.data?.length ?? 0} suppliers`}
        color={expired > 0 ? 'red' : undefined}
      />
      <StatCard
        label="Open review campaigns"
        value={pending(reviews, openReviews.length)}
        to="/reviews"
        hint={`${openReviews.reduce((sum, campaign) => sum + campaign.progress.pending, 0)} items pending`}
      />
    </SimpleGrid>
  );
}

function AssetsByCriticality() {
  const assets = useAssets();
  return (
    <Section title="Assets in use by criticality">
      <QueryView query={assets}>
        {(items) => {
          const active = items.filter(inUse);
          const count = (criticality: Criticality) =>
            active.filter((asset) => asset.criticality === criticality).length;
          return (
            <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="criticality-counts">
              {optionsOf(CRITICALITY_LABELS).map(({ value, label }) => (
                <StatCard
                  key={value}
                  label={label}
                  value={count(value)}
                  to={`/assets?criticality=${value}`}
                  color={
                    value === 'critical' || value === 'high' ? CRITICALITY_COLORS[value] : undefined
                  }
                />
              ))}
            </SimpleGrid>
          );
        }}
      </QueryView>
    </Section>
  );
}

function ExpiredCertifications() {
  const suppliers = useSuppliers();
  return (
    <Section title="Suppliers with expired certifications">
      <QueryView query={suppliers}>
        {(items) => {
          const expired = items.filter(hasExpiredCertification);
          if (expired.length === 0) {
            return (
              <Text size="sm" c="dimmed">
                Every recorded certification is current.
              </Text>
            );
          }
          return (
            <Table>
              <Table.Tbody>
                {expired.map((supplier) => (
                  <Table.Tr key={supplier.id}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/suppliers/${encodeURIComponent(supplier.key)}`}
                      >
                        {supplier.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {supplier.certifications
                        .filter((certification) => certification.expired)
                        .map(
                          (certification) =>
                            `${certification.name} (expired ${formatDate(certification.expiresOn)})`,
                        )
                        .join(', ')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          );
        }}
      </QueryView>
    </Section>
  );
}

function OpenReviews() {
  const campaigns = useReviewCampaigns();
  return (
    <Section title="Open inventory reviews">
      <QueryView query={campaigns}>
        {(items) => {
          const open = items.filter((campaign) => campaign.status === 'open');
          if (open.length === 0) {
            return (
              <Text size="sm" c="dimmed">
                No review is open.
              </Text>
            );
          }
          return (
            <Stack gap="md">
              {open.map((campaign) => (
                <Stack key={campaign.id} gap={4}>
                  <Group justify="space-between">
                    <Anchor component={Link} to={`/reviews/${campaign.id}`} fw={500}>
                      {campaign.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      due {formatDate(campaign.dueOn)}
                    </Text>
                  </Group>
                  <ReviewProgress progress={campaign.progress} />
                </Stack>
              ))}
            </Stack>
          );
        }}
      </QueryView>
    </Section>
  );
}
