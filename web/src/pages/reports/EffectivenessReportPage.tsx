import {
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useFrameworks } from '../../api/catalog.js';
import { effectivenessCsvUrl, useEffectivenessReport } from '../../api/posture.js';
import type { EffectivenessQuery, EffectivenessReport } from '../../api/work-types.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDate, formatDateTime, formatPeriod, todayIsoDate } from '../../components/format.js';
import { OCCURRENCE_STATUS_LABELS, labelOf } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useSearchState } from '../../components/params.js';
import { PeriodInputs } from '../../components/PeriodInputs.js';
import { QueryView } from '../../components/QueryView.js';

/** The first day of the month twelve months ago: a year of evidence by default. */
function aYearAgo(): string {
  const today = todayIsoDate();
  return `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`;
}

const EXCEPTION_LABELS: Record<EffectivenessReport['rows'][number]['exceptions'][number], string> =
  {
    missed: 'Missed',
    late: 'Late',
    unverified: 'Unverified',
  };

function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)} %`;
}

function Summary({ report }: { report: EffectivenessReport }) {
  const { summary } = report;
  const figures: { label: string; value: string | number }[] = [
    { label: 'Occurrences', value: summary.occurrences },
    { label: 'With exceptions', value: summary.withExceptions },
    { label: 'Exception rate', value: formatRate(summary.exceptionRate) },
    { label: 'Missed', value: summary.missed },
    { label: 'Late', value: summary.late },
    { label: 'Unverified', value: summary.unverified },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 3, lg: 6 }} data-testid="report-summary">
      {figures.map((figure) => (
        <Paper key={figure.label} withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {figure.label}
          </Text>
          <Text fw={700} size="xl">
            {figure.value}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/**
 * Evidence that controls operated over a period: every occurrence of the framework's controls, who
 * did it, who verified it and what was kept. Auditors read this, or take the CSV.
 */
export function EffectivenessReportPage() {
  const frameworks = useFrameworks();
  // The report shown is the one in the URL (bookmarkable, shareable); the form edits a draft of
  // it, reset whenever the URL changes (the back button included).
  const [shown, setShown] = useSearchState({ framework: '', from: '', to: '' });
  const query: EffectivenessQuery | null =
    shown.framework && shown.from && shown.to
      ? { framework: shown.framework, from: shown.from, to: shown.to }
      : null;
  const [framework, setFramework] = useState<string | null>(shown.framework || null);
  const [from, setFrom] = useState(shown.from || aYearAgo());
  const [to, setTo] = useState(shown.to || todayIsoDate());
  useEffect(() => {
    setFramework(shown.framework || null);
    setFrom(shown.from || aYearAgo());
    setTo(shown.to || todayIsoDate());
  }, [shown.framework, shown.from, shown.to]);
  const report = useEffectivenessReport(query);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (framework && from && to) setShown({ framework, from, to });
  }

  return (
    <>
      <PageHeader
        title="Control effectiveness"
        description="Every occurrence of a framework's controls in a period: status, performer, verifier, evidence and exceptions."
      />
      <Paper withBorder p="md" radius="md" mb="lg">
        <form onSubmit={submit} aria-label="Report period">
          <Group align="flex-end">
            <Select
              label="Framework"
              placeholder="Choose a framework"
              data={(frameworks.data ?? []).map((item) => ({ value: item.key, label: item.title }))}
              value={framework}
              onChange={setFramework}
              miw={260}
            />
            <PeriodInputs from={from} to={to} onFromChange={setFrom} onToChange={setTo} />
            <Button type="submit" disabled={!framework || !from || !to}>
              Show report
            </Button>
            {query ? (
              <Button component="a" href={effectivenessCsvUrl(query)} variant="default" download>
                Download CSV
              </Button>
            ) : null}
          </Group>
        </form>
      </Paper>
      {query === null ? (
        <EmptyMessage title="Choose a framework and a period" />
      ) : (
        <QueryView query={report}>
          {(data) => (
            <Stack gap="lg">
              <Text size="sm" c="dimmed">
                {formatDate(data.from)} to {formatDate(data.to)} · statuses as of{' '}
                {formatDateTime(data.asOf)}
              </Text>
              <Summary report={data} />
              {data.rows.length === 0 ? (
                <EmptyMessage title="No occurrences in this period" />
              ) : (
                <Table.ScrollContainer minWidth={1000}>
                  <Table striped verticalSpacing="xs" data-testid="report-rows">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Control</Table.Th>
                        <Table.Th>Period</Table.Th>
                        <Table.Th>Asset</Table.Th>
                        <Table.Th>Due</Table.Th>
                        <Table.Th>Status</Table.Th>
                        <Table.Th>Performer</Table.Th>
                        <Table.Th>Verifier</Table.Th>
                        <Table.Th>Evidence</Table.Th>
                        <Table.Th>Exceptions</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.rows.map((row) => (
                        <Table.Tr key={`${row.controlKey}:${row.periodKey}:${row.assetKey}`}>
                          <Table.Td>
                            <Anchor
                              component={Link}
                              to={`/controls/${encodeURIComponent(row.controlKey)}`}
                              size="sm"
                            >
                              {row.controlTitle}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>{formatPeriod(row.periodKey, row.opensAt)}</Table.Td>
                          <Table.Td>{row.assetKey || '—'}</Table.Td>
                          <Table.Td>{formatDateTime(row.dueAt)}</Table.Td>
                          <Table.Td>{labelOf(OCCURRENCE_STATUS_LABELS, row.status)}</Table.Td>
                          <Table.Td>{row.performer ?? '—'}</Table.Td>
                          <Table.Td>{row.verifier ?? '—'}</Table.Td>
                          <Table.Td>{row.evidenceCount}</Table.Td>
                          <Table.Td>
                            {row.exceptions.length > 0
                              ? row.exceptions
                                  .map((exception) => EXCEPTION_LABELS[exception])
                                  .join(', ')
                              : '—'}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Stack>
          )}
        </QueryView>
      )}
    </>
  );
}
