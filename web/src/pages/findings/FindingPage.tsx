import { Anchor, Badge, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DetailGrid } from '../../components/DetailGrid.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { useRequiredParam } from '../../components/params.js';
import { SEVERITY_COLORS, STATUS_LABELS } from './finding-labels.js';
import { FindingExceptions } from './FindingExceptions.js';
import { useFinding, type FindingDetail } from './findings-api.js';
import { SlaDue } from './FindingsTable.js';

/** One vulnerability finding: what the scanners saw, its SLA deadline, and its risk acceptances. */
export function FindingPage() {
  const id = useRequiredParam('id');
  const finding = useFinding(id);
  return <QueryView query={finding}>{(data) => <Finding finding={data} />}</QueryView>;
}

function Finding({ finding }: { finding: FindingDetail }) {
  return (
    <>
      <PageHeader
        title={`${finding.vulnerabilityId} in ${finding.packageName}`}
        crumbs={[{ label: 'Findings', to: '/findings' }]}
        description={finding.title || undefined}
        badges={
          <>
            <Badge color={SEVERITY_COLORS[finding.severity]} variant="light">
              {finding.severity}
            </Badge>
            <Badge variant="outline" color="gray" data-testid="finding-status">
              {STATUS_LABELS[finding.status]}
            </Badge>
            {finding.overdue ? <Badge color="red">Overdue</Badge> : null}
          </>
        }
      />
      <Stack gap="lg">
        <Section title="Finding">
          <DetailGrid
            details={[
              {
                label: 'Asset',
                value: (
                  <Anchor component={Link} to={`/assets/${encodeURIComponent(finding.assetKey)}`}>
                    {finding.assetKey}
                  </Anchor>
                ),
              },
              { label: 'Package', value: `${finding.packageName} ${finding.installedVersion}` },
              {
                label: 'Fix',
                value: finding.fixAvailable
                  ? `Fixed in ${finding.fixedVersion}`
                  : 'No fix available',
              },
              { label: 'Scanner', value: finding.scanner },
              { label: 'Target', value: finding.target },
              { label: 'First seen', value: formatDateTime(finding.firstSeenAt) },
              { label: 'Last seen', value: formatDateTime(finding.lastSeenAt) },
              { label: 'Fixed', value: formatDateTime(finding.fixedAt) },
              { label: 'SLA due', value: <SlaDue finding={finding} /> },
              {
                label: 'Accepted until',
                value: finding.status === 'accepted' ? formatDateTime(finding.acceptedUntil) : null,
              },
            ]}
          />
          <Text size="xs" c="dimmed">
            The deadline was set when the finding was first detected and never moves. While an
            approved risk acceptance holds, the finding is not overdue; when it expires, the same
            deadline applies again.
          </Text>
        </Section>
        <FindingExceptions finding={finding} />
      </Stack>
    </>
  );
}
