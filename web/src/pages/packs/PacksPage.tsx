import {
  Anchor,
  Button,
  Code,
  Group,
  Paper,
  Progress,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useFrameworks } from '../../api/catalog.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import {
  firstDayOfYear,
  formatDate,
  formatDateTime,
  todayIsoDate,
} from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useSearchState } from '../../components/params.js';
import { PeriodInputs } from '../../components/PeriodInputs.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/QueryView.js';
import { FrameworkCoverageTable } from './FrameworkCoverageTable.js';
import {
  packDownloadUrl,
  useFrameworkCoverage,
  usePackJob,
  usePackJobs,
  usePackPublicKey,
  useRequestPack,
  type PackJob,
  type PackPeriod,
} from './packs-api.js';

function JobProgress({ job }: { job: PackJob }) {
  const percent = job.filesTotal === 0 ? 0 : Math.round((job.filesDone / job.filesTotal) * 100);
  return (
    <Stack gap={4} data-testid="pack-progress" data-state={job.state}>
      <Text size="sm">
        {job.framework} · {job.from} to {job.to} · {job.state} · {job.filesDone}/{job.filesTotal}{' '}
        files
      </Text>
      <Progress
        value={job.state === 'done' ? 100 : percent}
        animated={job.state === 'running' || job.state === 'queued'}
        color={job.state === 'failed' ? 'red' : undefined}
        aria-label="Pack progress"
      />
      {job.state === 'failed' ? <Text c="red">{job.error}</Text> : null}
      {job.state === 'done' ? (
        <Group>
          <Button component="a" href={packDownloadUrl(job)} download data-testid="pack-download">
            Download pack
          </Button>
          <Text size="xs" c="dimmed">
            manifest SHA-256 <Code>{job.manifestSha256}</Code>
          </Text>
        </Group>
      ) : null}
    </Stack>
  );
}

/**
 * Evidence packs: generate a signed pack of a framework for a period (with progress), download
 * it, see the key that signs them, and check the framework's coverage before the auditor does.
 */
export function PacksPage() {
  const frameworks = useFrameworks();
  // The period and whether its coverage is shown live in the URL: a coverage view can be shared.
  const [filters, setFilters] = useSearchState({
    framework: '',
    from: firstDayOfYear(),
    to: todayIsoDate(),
    coverage: '',
  });
  const framework = filters.framework || null;
  const { from, to } = filters;
  const [jobId, setJobId] = useState<string | null>(null);
  const request = useRequestPack();
  const job = usePackJob(jobId);
  const jobs = usePackJobs();
  const publicKey = usePackPublicKey(job.data?.state === 'done');
  const period: PackPeriod | null = framework && from && to ? { framework, from, to } : null;
  const coveragePeriod = filters.coverage === 'shown' ? period : null;
  const coverage = useFrameworkCoverage(coveragePeriod);
  const frameworkTitles = new Map((frameworks.data ?? []).map((item) => [item.key, item.title]));
  const frameworkTitle = (key: string) => frameworkTitles.get(key) ?? key;

  function generate(event: FormEvent) {
    event.preventDefault();
    if (period) request.mutate(period, { onSuccess: (created) => setJobId(created.id) });
  }

  return (
    <>
      <PageHeader
        title="Evidence packs"
        description="A signed zip of everything an auditor asks for, per framework and period: index, registers, evidence files and a manifest they can verify without Plumbline."
      />
      <Paper withBorder p="md" radius="md" mb="lg">
        <form onSubmit={generate} aria-label="Pack period">
          <Group align="flex-end">
            <Select
              label="Framework"
              placeholder="Choose a framework"
              data={(frameworks.data ?? []).map((item) => ({ value: item.key, label: item.title }))}
              value={framework}
              onChange={(value) => setFilters({ framework: value })}
              miw={260}
            />
            <PeriodInputs
              from={from}
              to={to}
              onFromChange={(value) => setFilters({ from: value }, { replace: true })}
              onToChange={(value) => setFilters({ to: value }, { replace: true })}
            />
            <Button type="submit" disabled={!period} loading={request.isPending}>
              Generate pack
            </Button>
            <Button
              variant="default"
              disabled={!period}
              onClick={() => setFilters({ coverage: 'shown' })}
            >
              Show coverage
            </Button>
          </Group>
        </form>
        {request.error ? <ErrorAlert error={request.error} mt="sm" /> : null}
        {job.data ? (
          <Paper mt="md">
            <JobProgress job={job.data} />
          </Paper>
        ) : null}
      </Paper>

      <Paper withBorder p="md" radius="md" mb="lg">
        <Title order={4}>Signing key</Title>
        <Text size="sm" data-testid="pack-fingerprint">
          {publicKey.data?.fingerprint ? (
            <>
              Ed25519, fingerprint <Code>{publicKey.data.fingerprint}</Code>. Give it to your
              auditor: <Code>plumbline pack verify pack.zip --fingerprint …</Code>
            </>
          ) : (
            'Created with the first pack.'
          )}
        </Text>
      </Paper>

      {coveragePeriod ? (
        <Paper withBorder p="md" radius="md" mb="lg">
          <Title order={4} mb="sm">
            Coverage: {frameworkTitle(coveragePeriod.framework)}, {formatDate(coveragePeriod.from)}{' '}
            to {formatDate(coveragePeriod.to)}
          </Title>
          <QueryView query={coverage}>
            {(data) => <FrameworkCoverageTable coverage={data} />}
          </QueryView>
        </Paper>
      ) : null}

      <Title order={4} mb="sm">
        Recent packs
      </Title>
      <QueryView query={jobs}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No pack yet" />
          ) : (
            <>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Framework</Table.Th>
                    <Table.Th>Period</Table.Th>
                    <Table.Th>State</Table.Th>
                    <Table.Th>Requested</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <Table.Tr key={item.id}>
                      <Table.Td>{frameworkTitle(item.framework)}</Table.Td>
                      <Table.Td>
                        {formatDate(item.from)} to {formatDate(item.to)}
                      </Table.Td>
                      <Table.Td>
                        {item.state} ({item.filesDone}/{item.filesTotal})
                      </Table.Td>
                      <Table.Td>
                        {formatDateTime(item.requestedAt)} by {item.requestedBy}
                      </Table.Td>
                      <Table.Td>
                        {item.state === 'done' ? (
                          <Anchor href={packDownloadUrl(item)} download>
                            Download
                          </Anchor>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <LoadMore list={jobs} />
            </>
          )
        }
      </QueryView>
    </>
  );
}
