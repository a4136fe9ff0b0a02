import { Grid, List, Stack, Text } from '@mantine/core';
import { useParams } from 'react-router';
import { useRestoreTest, type RestoreTestDetail } from '../../api/recovery.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { formatDateTime, formatPeriod } from '../../components/format.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import {
  RecordDeficiencies,
  RecordHeader,
  RecoveryEvidence,
  formatSeconds,
} from './RecoveryParts.js';

function RestoreTest({ test }: { test: RestoreTestDetail }) {
  const recorded = test.status === 'recorded';
  return (
    <>
      <RecordHeader
        title={`${test.number} · ${test.assetName}`}
        crumb={{ label: 'Restore tests', to: '/restore-tests' }}
        record={test}
        noun="restore test"
        target={{ kind: 'restore-test', id: test.id }}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Section title="Measured against the targets">
              <DetailGrid
                details={[
                  { label: 'Asset', value: test.assetKey },
                  { label: 'Backup run', value: test.backupRunId },
                  { label: 'Restore started', value: formatDateTime(test.startedAt) },
                  { label: 'Restore finished', value: formatDateTime(test.finishedAt) },
                  {
                    label: 'Recovery point',
                    value: `${formatDateTime(test.recoveryPointAt)} (${test.recoveryPointSource})`,
                  },
                  { label: 'Targets from', value: test.targetsSource },
                  {
                    label: 'Measured RTO (finished − started)',
                    value: `${formatSeconds(test.measuredRtoSeconds)} — target ${test.targetRto}`,
                  },
                  {
                    label: 'Measured RPO (started − recovery point)',
                    value: `${formatSeconds(test.measuredRpoSeconds)} — target ${test.targetRpo}`,
                  },
                  { label: 'Notes', value: test.notes, wide: true },
                ]}
              />
              {test.failureReasons.length > 0 ? (
                <List size="sm" c="red">
                  {test.failureReasons.map((reason) => (
                    <List.Item key={reason}>{reason}</List.Item>
                  ))}
                </List>
              ) : null}
            </Section>
            <Section title="Integrity checks">
              <List size="sm">
                {test.integrityChecks.map((check) => (
                  <List.Item key={check.check}>
                    {check.passed ? '✓' : '✗'} {check.check}
                    {check.note ? ` — ${check.note}` : ''}
                  </List.Item>
                ))}
              </List>
            </Section>
            <RecoveryEvidence
              evidence={test.evidence}
              target={{ kind: 'restore-test', id: test.id }}
              canUpload={recorded}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <Section title="Sign-off">
              <DetailGrid
                details={[
                  { label: 'Performed by', value: test.performerLabel },
                  { label: 'Verified by', value: test.verifierLabel },
                  { label: 'Verified at', value: formatDateTime(test.verifiedAt) },
                ]}
              />
              {test.satisfiedOccurrences.map((occurrence) => (
                <Text key={occurrence.occurrenceId} size="sm">
                  Satisfied {occurrence.controlKey} ({formatPeriod(occurrence.periodKey)})
                </Text>
              ))}
            </Section>
            <RecordDeficiencies deficiencies={test.deficiencies} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** One restore test: measurements, checks, evidence, deficiencies and the verifier's signature. */
export function RestoreTestPage() {
  const { id = '' } = useParams();
  const test = useRestoreTest(id);
  return <QueryView query={test}>{(data) => <RestoreTest test={data} />}</QueryView>;
}
