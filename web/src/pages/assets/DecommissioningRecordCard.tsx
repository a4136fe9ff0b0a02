import { Badge, Button, Checkbox, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { DetailGrid } from '../../components/DetailGrid.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../components/format.js';
import { QueryView } from '../../components/QueryView.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';
import {
  useSignDecommissioning,
  useUpdateDecommissioning,
  useDecommissioningRecord,
  type DecommissioningRecordDetail,
} from './lifecycle-api.js';
import { AbilityReason } from './ProvisioningRequestCard.js';

const REMOVALS = [
  ['accessRemoved', 'Access removed'],
  ['dnsRemoved', 'DNS entries removed'],
  ['certificatesRemoved', 'Certificates revoked or removed'],
  ['monitoringRemoved', 'Monitoring removed'],
] as const;

const DISPOSITION_LABELS = {
  migrated: 'Migrated',
  archived: 'Archived',
  'nothing-retained': 'Nothing retained',
} as const;

/** One decommissioning record: its content, the removal checklist, what it lacks, its signature. */
export function DecommissioningRecordCard({ id }: { id: string }) {
  const detail = useDecommissioningRecord(id);
  return (
    <QueryView query={detail}>{(record) => <DecommissioningRecord record={record} />}</QueryView>
  );
}

function DecommissioningRecord({ record }: { record: DecommissioningRecordDetail }) {
  const update = useUpdateDecommissioning(record.id);
  return (
    <Paper withBorder radius="md" p="md" data-testid="decommissioning-record">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>Decommissioning record {record.number}</Title>
          <Badge variant="light" data-testid="decommissioning-status">
            {record.status}
          </Badge>
        </Group>
        <DetailGrid
          details={[
            { label: 'Retention decision', value: record.retentionDecision, wide: true },
            {
              label: 'Data',
              value: `${DISPOSITION_LABELS[record.dataDisposition]}${record.dataLocation ? ` (${record.dataLocation})` : ''}`,
            },
            {
              label: 'Sanitisation (NIST SP 800-88)',
              value: `${record.sanitisationMethod}${record.sanitisationReference ? ` (${record.sanitisationReference})` : ''}`,
            },
            { label: 'Shut down', value: formatDateTime(record.shutDownAt) },
            {
              label: 'Recorded',
              value: `${record.recordedBy}, ${formatDateTime(record.recordedAt)}`,
            },
            {
              label: 'Signature',
              value: record.signedAt
                ? `Signed by ${record.signedBy ?? ''}, ${formatDateTime(record.signedAt)}`
                : 'Not signed',
            },
          ]}
        />
        <Stack gap={4}>
          {REMOVALS.map(([field, label]) => (
            <Checkbox
              key={field}
              label={label}
              checked={record[field]}
              disabled={!record.abilities.edit.allowed || update.isPending}
              onChange={(event) => update.mutate({ [field]: event.currentTarget.checked })}
            />
          ))}
          {update.error ? <ErrorAlert error={update.error} /> : null}
        </Stack>
        {record.missing.length > 0 ? (
          <Stack gap={2} data-testid="decommissioning-missing">
            <Text size="sm" fw={500}>
              Still missing before it can be signed
            </Text>
            <List size="sm">
              {record.missing.map((missing) => (
                <List.Item key={missing}>{missing}</List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
        <Sign record={record} />
      </Stack>
    </Paper>
  );
}

function Sign({ record }: { record: DecommissioningRecordDetail }) {
  const [open, setOpen] = useState(false);
  const sign = useSignDecommissioning(record.id);
  const ability = record.abilities.sign;
  if (!ability.allowed) {
    return <AbilityReason reason={record.status === 'draft' ? ability.reason : null} />;
  }
  return (
    <Group>
      <Button color="teal" onClick={() => setOpen(true)}>
        Sign
      </Button>
      {open ? (
        <SignatureDialog
          title={`Sign ${record.number}`}
          meaning={
            'By signing you confirm the retention review, the data disposition, the sanitisation and the removals recorded here took place ("decommissioned").'
          }
          noteLabel="Note (optional)"
          submitLabel="Sign the record"
          submitColor="teal"
          pending={sign.isPending}
          error={sign.error}
          onSign={(credentials, note) =>
            sign.mutate(
              { ...credentials, note },
              {
                onSuccess: () => {
                  setOpen(false);
                  notifications.show({ color: 'teal', message: `${record.number} is signed.` });
                },
              },
            )
          }
          onClose={() => setOpen(false)}
        />
      ) : null}
    </Group>
  );
}
