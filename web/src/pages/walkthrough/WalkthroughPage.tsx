import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useProcess } from '../../api/register.js';
import {
  useWalkthrough,
  walkthroughHtmlUrl,
  type WalkthroughPeriod,
} from '../../api/walkthrough.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import {
  firstDayOfYear,
  formatDate,
  formatDateTime,
  todayIsoDate,
} from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PeriodInputs } from '../../components/PeriodInputs.js';
import { QueryView } from '../../components/QueryView.js';
import { useRequiredParam } from '../../components/params.js';
import { DependencyCard } from './DependencyCard.js';
import { GapTable } from './GapTable.js';

/**
 * ISO 9001 7.1.3's "walk one product line end to end": every infrastructure dependency of a
 * process with its evidence for a period, and the gaps an auditor would find.
 */
export function WalkthroughPage() {
  const key = useRequiredParam('key');
  const process = useProcess(key);
  const [from, setFrom] = useState(firstDayOfYear);
  const [to, setTo] = useState(todayIsoDate);
  const [period, setPeriod] = useState<WalkthroughPeriod | null>(null);
  const walkthrough = useWalkthrough(key, period);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (from && to) setPeriod({ from, to });
  }

  return (
    <>
      <PageHeader
        title={`Walkthrough: ${process.data?.name ?? key}`}
        crumbs={[
          { label: 'Processes', to: '/processes' },
          { label: process.data?.name ?? key, to: `/processes/${encodeURIComponent(key)}` },
        ]}
        description="Each infrastructure dependency of the process with its maintenance evidence, changes, nonconformances and backups in the period, and the gaps."
      />
      <Paper withBorder p="md" radius="md" mb="lg">
        <form onSubmit={submit} aria-label="Walkthrough period">
          <Group align="flex-end">
            <PeriodInputs from={from} to={to} onFromChange={setFrom} onToChange={setTo} />
            <Button type="submit" disabled={!from || !to}>
              Walk the process
            </Button>
            {period ? (
              <Button
                component="a"
                href={walkthroughHtmlUrl(key, period)}
                variant="default"
                download
              >
                Download HTML
              </Button>
            ) : null}
          </Group>
        </form>
      </Paper>
      {period === null ? (
        <EmptyMessage title="Choose a period" />
      ) : (
        <QueryView query={walkthrough}>
          {(data) => (
            <Stack gap="lg">
              <Text size="sm" c="dimmed">
                {formatDate(data.from)} to {formatDate(data.to)} · statuses as of{' '}
                {formatDateTime(data.asOf)} · {data.dependencies.length} dependencies
              </Text>
              <Alert
                color={data.gaps.length > 0 ? 'red' : 'green'}
                title={data.gaps.length > 0 ? `${data.gaps.length} gap(s)` : 'No gap'}
              >
                <GapTable gaps={data.gaps} />
              </Alert>
              {data.dependencies.length === 0 ? (
                <EmptyMessage title="No asset is linked to this process in the matrix" />
              ) : (
                data.dependencies.map((dependency) => (
                  <DependencyCard key={dependency.asset.key} dependency={dependency} />
                ))
              )}
            </Stack>
          )}
        </QueryView>
      )}
    </>
  );
}
