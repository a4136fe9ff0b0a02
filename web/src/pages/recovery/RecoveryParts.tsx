import { Anchor, Badge, Button, FileButton, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  useAttachRecoveryEvidence,
  useSignRecovery,
  type RecoveryRecordRef,
} from '../../api/recovery.js';
import { useCan } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Section } from '../../components/Section.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';

/** A measured duration in hours and minutes. */
export function formatSeconds(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}

const OUTCOME_COLORS: Record<string, string> = {
  pass: 'teal',
  passed: 'teal',
  'passed-with-deficiencies': 'yellow',
  fail: 'red',
  failed: 'red',
};

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return (
    <Badge color={OUTCOME_COLORS[outcome] ?? 'gray'} variant="light">
      {outcome.replace(/-/g, ' ')}
    </Badge>
  );
}

export function RecordStatusBadge({ status }: { status: string }) {
  return (
    <Badge color={status === 'verified' ? 'teal' : 'blue'} variant="outline">
      {status}
    </Badge>
  );
}

/**
 * The verify button and its signature dialog, shown as the server's `abilities.verify` says: the
 * page does not re-implement who may sign (not the one who recorded the work, not a token).
 */
export function VerifyRecordButton({
  target,
  noun,
  ability,
}: {
  target: RecoveryRecordRef;
  noun: string;
  ability: { allowed: boolean; reason: string | null };
}) {
  const [open, setOpen] = useState(false);
  const sign = useSignRecovery(target);
  if (!ability.allowed) {
    return ability.reason === null ? null : (
      <Text size="sm" c="dimmed">
        {ability.reason.charAt(0).toUpperCase() + ability.reason.slice(1)}.
      </Text>
    );
  }
  return (
    <>
      <Button color="teal" onClick={() => setOpen(true)}>
        Verify
      </Button>
      {open ? (
        <SignatureDialog
          title={`Verify ${noun}`}
          meaning={`By signing you confirm that you reviewed this ${noun} and its evidence, and that the record is accurate ("verified").`}
          noteLabel="Note (optional)"
          submitLabel="Sign and verify"
          submitColor="teal"
          pending={sign.isPending}
          error={sign.error}
          onSign={(credentials, note) =>
            sign.mutate(
              { ...credentials, ...(note ? { note } : {}) },
              {
                onSuccess: () => {
                  setOpen(false);
                  notifications.show({ color: 'teal', message: `The ${noun} is verified.` });
                },
              },
            )
          }
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}

/** Evidence files, downloadable, with an upload button until the record is verified. */
export function RecoveryEvidence({
  evidence,
  target,
  canUpload,
}: {
  evidence: {
    id: string;
    filename: string;
    sha256: string;
    uploadedBy: string;
    uploadedAt: string;
  }[];
  target: RecoveryRecordRef;
  canUpload: boolean;
}) {
  const can = useCan();
  const attach = useAttachRecoveryEvidence(target);
  return (
    <Section
      title="Evidence"
      actions={
        canUpload && can('work:perform') ? (
          <FileButton
            onChange={(file) => {
              if (file)
                attach.mutate(file, {
                  onError: (error) => notifications.show({ color: 'red', message: error.message }),
                });
            }}
          >
            {(props) => (
              <Button variant="light" loading={attach.isPending} {...props}>
                Attach file
              </Button>
            )}
          </FileButton>
        ) : null
      }
    >
      {evidence.length === 0 ? (
        <EmptyMessage title="No files">
          Attach restore logs, screenshots or the report.
        </EmptyMessage>
      ) : (
        <Table>
          <Table.Tbody>
            {evidence.map((file) => (
              <Table.Tr key={file.id}>
                <Table.Td>
                  <Stack gap={0}>
                    <Anchor href={`/api/v1/evidence/${file.id}/download`} size="sm">
                      {file.filename}
                    </Anchor>
                    <Text size="xs" c="dimmed" ff="monospace">
                      sha256 {file.sha256}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm">{file.uploadedBy}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(file.uploadedAt)}
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

/** The deficiencies a record raised, linking to the nonconformances page. */
export function RecordDeficiencies({
  deficiencies,
}: {
  deficiencies: {
    id: string;
    number: string;
    title: string;
    status: string;
    dueOn: string | null;
    overdue: boolean;
  }[];
}) {
  return (
    <Section title="Deficiencies">
      {deficiencies.length === 0 ? (
        <Text size="sm" c="dimmed">
          None raised.
        </Text>
      ) : (
        <Stack gap="xs">
          {deficiencies.map((item) => (
            <Group key={item.id} gap="sm">
              <Anchor href="/nonconformances" size="sm">
                {item.number}
              </Anchor>
              <Text size="sm">{item.title}</Text>
              <Badge variant="light">{item.status.replace('_', ' ')}</Badge>
              {item.overdue ? <Badge color="red">overdue</Badge> : null}
              {item.dueOn ? (
                <Text size="xs" c="dimmed">
                  due {item.dueOn}
                </Text>
              ) : null}
            </Group>
          ))}
        </Stack>
      )}
    </Section>
  );
}

/** The header of a restore test or DR exercise: outcome, status and, until verified, Verify. */
export function RecordHeader({
  title,
  crumb,
  description,
  record,
  noun,
  target,
}: {
  title: string;
  crumb: { label: string; to: string };
  description?: string;
  record: {
    outcome: string;
    status: string;
    abilities: { verify: { allowed: boolean; reason: string | null } };
  };
  noun: string;
  target: RecoveryRecordRef;
}) {
  return (
    <PageHeader
      title={title}
      crumbs={[crumb]}
      {...(description ? { description } : {})}
      badges={
        <>
          <OutcomeBadge outcome={record.outcome} />
          <RecordStatusBadge status={record.status} />
        </>
      }
      actions={
        record.status === 'verified' ? null : (
          <VerifyRecordButton target={target} noun={noun} ability={record.abilities.verify} />
        )
      }
    />
  );
}
