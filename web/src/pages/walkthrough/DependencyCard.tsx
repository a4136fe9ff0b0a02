import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { WalkthroughDependency } from '../../api/walkthrough.js';
import { CriticalityBadge } from '../../components/badges.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { formatDateTime, formatPeriod } from '../../components/format.js';
import { OCCURRENCE_STATUS_LABELS, labelOf } from '../../components/labels.js';
import { Section } from '../../components/Section.js';
import { GapTable } from './GapTable.js';

/** What a change's timestamps say, in a cell. */
const judged = (value: boolean | null) => (value === null ? 'not yet' : value ? 'yes' : 'no');

/** A small table with a header row, or a dimmed sentence when there is nothing to list. */
function Rows({ headers, rows, empty }: { headers: string[]; rows: ReactNode[][]; empty: string }) {
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {headers.map((header) => (
              <Table.Th key={header}>{header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((cells, index) => (
            <Table.Tr key={index}>
              {cells.map((cell, column) => (
                <Table.Td key={column}>{cell}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const dash = (value: string | null) => value ?? '—';

/** One infrastructure dependency of the walked process: what it is, its records, its gaps. */
export function DependencyCard({ dependency }: { dependency: WalkthroughDependency }) {
  const { asset, supplier, backups } = dependency;
  return (
    <Section
      title={`${asset.name} (${asset.key})`}
      actions={
        <Group gap="xs">
          <CriticalityBadge criticality={asset.criticality} />
          {dependency.gaps.length > 0 ? (
            <Badge color="red">{dependency.gaps.length} gap(s)</Badge>
          ) : (
            <Badge color="green">No gap</Badge>
          )}
        </Group>
      }
    >
      <div data-testid={`dependency-${asset.key}`}>
        <Stack gap="md">
          <DetailGrid
            details={[
              {
                label: 'Asset',
                value: (
                  <Anchor component={Link} to={`/assets/${encodeURIComponent(asset.key)}`}>
                    {asset.name}
                  </Anchor>
                ),
              },
              { label: 'Conformity impact', value: dependency.conformityImpact },
              { label: 'Control method', value: dependency.controlMethod },
              { label: 'System of record', value: dependency.systemOfRecord },
              {
                label: 'Supplier',
                value: supplier
                  ? `${supplier.name}${asset.thirdPartyManaged ? ' (manages it)' : ''}: ${
                      supplier.certifications
                        .map((c) => `${c.name}${c.expiresOn ? ` until ${c.expiresOn}` : ''}`)
                        .join(', ') || 'no certification'
                    }`
                  : asset.thirdPartyManaged
                    ? 'Third-party managed, no supplier recorded'
                    : '—',
              },
            ]}
          />
          <GapTable gaps={dependency.gaps} />
          <Title order={5}>Maintenance evidence</Title>
          <Rows
            headers={['Control', 'Period', 'Due', 'Status', 'Performer', 'Verifier', 'Evidence']}
            rows={dependency.maintenance.map((row) => [
              row.controlTitle,
              formatPeriod(row.periodKey),
              formatDateTime(row.dueAt),
              labelOf(OCCURRENCE_STATUS_LABELS, row.status),
              dash(row.performer),
              dash(row.verifier),
              row.evidenceCount,
            ])}
            empty="No occurrence of a control scoped to this asset was due in the period."
          />
          <Title order={5}>Changes</Title>
          <Rows
            headers={['When', 'Who', 'What']}
            rows={dependency.changes.map((change) => [
              formatDateTime(change.at),
              change.actor,
              change.action,
            ])}
            empty="No change to the asset was recorded in the period."
          />
          <Rows
            headers={[
              'Change',
              'Type',
              'Status',
              'Implemented',
              'Approved before',
              'Verified in 48 h',
            ]}
            rows={dependency.changeRecords.map((change) => [
              `${change.number} · ${change.title}`,
              change.type,
              change.status,
              change.implementedAt ? formatDateTime(change.implementedAt) : '—',
              judged(change.approvedBeforeImplementation),
              judged(change.verifiedWithin48h),
            ])}
            empty="No change record affected the asset in the period."
          />
          <Title order={5}>Nonconformances</Title>
          <Rows
            headers={['Number', 'Title', 'Status', 'Raised', 'Closed']}
            rows={dependency.nonconformances.map((nc) => [
              nc.number,
              nc.title,
              nc.status,
              formatDateTime(nc.raisedAt),
              nc.closedAt ? formatDateTime(nc.closedAt) : '—',
            ])}
            empty="No nonconformance concerned the asset in the period."
          />
          <Title order={5}>Incidents</Title>
          <Rows
            headers={['Number', 'Title', 'Severity', 'Detected', 'Status at end', 'Decision']}
            rows={dependency.incidents.map((incident) => [
              incident.number,
              incident.title,
              incident.severity,
              formatDateTime(incident.detectedAt),
              incident.statusAtEnd,
              `${incident.decision ?? 'not decided'}${
                incident.decisionOnTime === false ? ' (late)' : ''
              }`,
            ])}
            empty="No incident affected the asset in the period."
          />
          <Title order={5}>Backups and recovery</Title>
          {backups ? (
            <>
              <Text size="sm">
                Policy from {backups.policySource}: {backups.runs.total} runs,{' '}
                {backups.runs.succeeded} succeeded, {backups.runs.failed} failed
                {backups.lastSuccessAt
                  ? `, last success ${formatDateTime(backups.lastSuccessAt)}`
                  : ''}
                .
              </Text>
              <Rows
                headers={['Record', 'Started', 'Outcome', 'Status', 'Verifier']}
                rows={[
                  ...backups.restoreTests.map((test) => [
                    test.number,
                    formatDateTime(test.startedAt),
                    test.outcome,
                    test.status,
                    dash(test.verifier),
                  ]),
                  ...backups.drExercises.map((exercise) => [
                    exercise.number,
                    formatDateTime(exercise.startedAt),
                    exercise.outcome,
                    exercise.status,
                    dash(exercise.verifier),
                  ]),
                ]}
                empty="No restore test or DR exercise touched the asset in the period."
              />
            </>
          ) : (
            <Text size="sm" c="dimmed">
              No backup policy applies to this asset.
            </Text>
          )}
        </Stack>
      </div>
    </Section>
  );
}
