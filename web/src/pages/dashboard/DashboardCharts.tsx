import { Anchor, Grid, Text } from '@mantine/core';
import { Link } from 'react-router';
import { usePostureHistory } from '../../api/posture.js';
import { useCan } from '../../auth/permissions.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { useBackupStatus, type BackupAssetStatusView } from '../backups/backups-api.js';
import { BarChart } from './charts/BarChart.js';
import { LineChart } from './charts/LineChart.js';
import { HISTORY_MONTHS, useOpenNonconformances } from './dashboard-api.js';

/** Assets drawn in the backup chart, worst first; the Backups page lists them all. */
const BACKUP_ASSETS_SHOWN = 12;
const DAY_MS = 86_400_000;

/** Distinct at a glance and at least 4.5:1 against white (the 7 and 8 shades of the palette). */
const SERIES_COLORS = [
  'var(--mantine-color-blue-7)',
  'var(--mantine-color-teal-8)',
  'var(--mantine-color-grape-7)',
  'var(--mantine-color-orange-8)',
  'var(--mantine-color-indigo-7)',
  'var(--mantine-color-pink-7)',
  'var(--mantine-color-cyan-8)',
  'var(--mantine-color-lime-8)',
];
const colorAt = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]!;

const percent = (value: number) => `${Math.round(value)} %`;
const count = (value: number) => String(Math.round(value));

/** '2026-03' as "Mar 26": the month is a calendar month, no time zone applies. */
function monthLabel(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year ?? 1970, (monthNumber ?? 1) - 1, 1)));
}

/** The passing share of a framework's applicable controls, or null when none applies. */
function passingShare(counts: Record<string, number>): number | null {
  const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
  const applicable = total - (counts.not_applicable ?? 0);
  return applicable === 0 ? null : ((counts.passing ?? 0) / applicable) * 100;
}

/**
 * Trends the tiles cannot show: posture per framework and open and overdue work over the last 12
 * months (GET /posture/history), backups per asset and nonconformances by age. Each chart shows
 * only to roles that may read what it draws. Loaded lazily by the dashboard.
 */
export function DashboardCharts() {
  const can = useCan();
  return (
    <Grid gap="lg" data-testid="dashboard-charts">
      {can('posture:read') ? <PostureHistoryCharts /> : null}
      {can('backups:read') ? (
        <Grid.Col span={{ base: 12, md: 6 }}>
          <BackupChart />
        </Grid.Col>
      ) : null}
      {can('work:read') ? (
        <Grid.Col span={{ base: 12, md: 6 }}>
          <NonconformanceAgeChart />
        </Grid.Col>
      ) : null}
    </Grid>
  );
}

function PostureHistoryCharts() {
  const history = usePostureHistory(HISTORY_MONTHS);
  return (
    <>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Section title="Posture over 12 months">
          <QueryView query={history}>
            {({ points }) => {
              const frameworks = points.at(-1)?.frameworks ?? [];
              return (
                <LineChart
                  testId="posture-history-chart"
                  title="Controls passing per framework"
                  description="Share of each framework's applicable controls passing at each month's end (this month: now)."
                  categoryHeading="Month"
                  categories={points.map((point) => monthLabel(point.month))}
                  series={frameworks.map((framework, index) => ({
                    name: framework.title,
                    color: colorAt(index),
                    values: points.map((point) => {
                      const then = point.frameworks.find((item) => item.key === framework.key);
                      return then ? passingShare(then.controlCounts) : null;
                    }),
                  }))}
                  max={100}
                  format={percent}
                />
              );
            }}
          </QueryView>
        </Section>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Section
          title="Open and overdue work"
          actions={
            <Anchor component={Link} to="/work" size="sm">
              My work
            </Anchor>
          }
        >
          <QueryView query={history}>
            {({ points }) => (
              <LineChart
                testId="work-history-chart"
                title="Control occurrences at each month's end"
                description="Overdue: past the deadline and not done, or done but not verified in time. Open: not done and due later."
                categoryHeading="Month"
                categories={points.map((point) => monthLabel(point.month))}
                series={[
                  {
                    name: 'Overdue',
                    color: 'var(--mantine-color-red-8)',
                    values: points.map((point) => point.occurrences.failing),
                  },
                  {
                    name: 'Open',
                    color: 'var(--mantine-color-blue-7)',
                    values: points.map(
                      (point) => point.occurrences.atRisk + point.occurrences.pending,
                    ),
                  },
                ]}
                format={count}
              />
            )}
          </QueryView>
        </Section>
      </Grid.Col>
    </>
  );
}

/** Successful runs among the last 30 days' runs, in percent; null without any run. */
function successRate(asset: BackupAssetStatusView): number | null {
  const succeeded = asset.rpoLast30Days.recoveryPoints;
  const runs = succeeded + asset.failedRunsLast30Days;
  return runs === 0 ? null : (succeeded / runs) * 100;
}

/** The worst exposure of the last 30 days as a share of the RPO target (over 100: missed). */
function rpoShare(asset: BackupAssetStatusView): number | null {
  const { achievedMs, targetMs } = asset.rpoLast30Days;
  return achievedMs === null || targetMs === 0 ? null : (achievedMs / targetMs) * 100;
}

function BackupChart() {
  const status = useBackupStatus();
  return (
    <Section
      title="Backups, last 30 days"
      actions={
        <Anchor component={Link} to="/backups" size="sm">
          Backups
        </Anchor>
      }
    >
      <QueryView query={status}>
        {({ items }) => {
          if (items.length === 0) {
            return (
              <Text size="sm" c="dimmed">
                No asset is under a backup policy.
              </Text>
            );
          }
          const shown = items.slice(0, BACKUP_ASSETS_SHOWN);
          return (
            <>
              <BarChart
                testId="backup-chart"
                title="Success rate and RPO per asset"
                description="Successful runs among all runs, and the worst gap between recovery points as a share of the RPO target (over 100 %: target missed)."
                categoryHeading="Asset"
                categories={shown.map((asset) => asset.assetName)}
                series={[
                  {
                    name: 'Successful runs',
                    color: 'var(--mantine-color-teal-8)',
                    values: shown.map(successRate),
                  },
                  {
                    name: 'Worst gap, % of RPO',
                    color: 'var(--mantine-color-orange-8)',
                    values: shown.map(rpoShare),
                  },
                ]}
                max={100}
                format={percent}
              />
              {items.length > shown.length ? (
                <Text size="xs" c="dimmed">
                  The {shown.length} assets in the worst state of {items.length}.
                </Text>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}

/** Age bands of an open nonconformance, in days since it was raised. */
const AGE_BANDS = [
  { label: 'Under 7 days', under: 7 },
  { label: '7 to 30 days', under: 30 },
  { label: '30 to 90 days', under: 90 },
  { label: '90 days or more', under: Infinity },
] as const;

function NonconformanceAgeChart() {
  const open = useOpenNonconformances();
  return (
    <Section
      title="Open nonconformances by age"
      actions={
        <Anchor component={Link} to="/nonconformances" size="sm">
          Nonconformances
        </Anchor>
      }
    >
      <QueryView query={open}>
        {(items) => {
          const now = Date.now();
          const counts = AGE_BANDS.map(() => ({ deficiencies: 0, others: 0 }));
          for (const item of items) {
            const days = (now - new Date(item.raisedAt).getTime()) / DAY_MS;
            const band = AGE_BANDS.findIndex((candidate) => days < candidate.under);
            const bucket = counts[band === -1 ? AGE_BANDS.length - 1 : band]!;
            if (item.deficiency) bucket.deficiencies += 1;
            else bucket.others += 1;
          }
          return (
            <BarChart
              testId="nonconformance-age-chart"
              title={`${items.length} open, by time since raised`}
              description="Open, under investigation or in progress; deficiencies come from restore tests and DR exercises."
              categoryHeading="Raised"
              categories={AGE_BANDS.map((band) => band.label)}
              series={[
                {
                  name: 'Nonconformances',
                  color: 'var(--mantine-color-grape-7)',
                  values: counts.map((bucket) => bucket.others),
                },
                {
                  name: 'Deficiencies',
                  color: 'var(--mantine-color-red-8)',
                  values: counts.map((bucket) => bucket.deficiencies),
                },
              ]}
              format={count}
            />
          );
        }}
      </QueryView>
    </Section>
  );
}
