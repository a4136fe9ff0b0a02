import {
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useCan } from '../../auth/permissions.js';
import { FormError, fieldErrors } from '../../components/form.js';
import { formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';
import {
  useApproveFindingException,
  useRequestFindingException,
  type FindingDetail,
  type FindingExceptionView,
} from './findings-api.js';

/** `<input type="date">` gives a calendar day; the acceptance ends at the end of that day, UTC. */
const endOfDay = (date: string) => (date ? `${date}T23:59:59Z` : '');

/** Where an exception stands, as its reader needs it: awaiting signature, in force, or over. */
function ExceptionState({ exception }: { exception: FindingExceptionView }) {
  if (exception.expired) {
    return (
      <Badge color="gray" variant="light">
        {exception.status === 'approved' ? 'Expired' : 'Expired unapproved'}
      </Badge>
    );
  }
  return exception.status === 'approved' ? (
    <Badge color="teal" variant="light">
      Approved
    </Badge>
  ) : (
    <Badge color="yellow" variant="light">
      Awaiting approval
    </Badge>
  );
}

function ApproveException({
  finding,
  exception,
}: {
  finding: FindingDetail;
  exception: FindingExceptionView;
}) {
  const [open, setOpen] = useState(false);
  const approve = useApproveFindingException(finding.id, exception.id);
  if (exception.status === 'approved') {
    return (
      <Text size="sm">
        Signed by {exception.approvedBy} on {formatDateTime(exception.approvedAt)}
      </Text>
    );
  }
  if (!exception.abilities.approve.allowed) {
    return exception.abilities.approve.reason ? (
      <Text size="sm" c="dimmed">
        {exception.abilities.approve.reason}
      </Text>
    ) : null;
  }
  return (
    <>
      <Button size="xs" onClick={() => setOpen(true)}>
        Approve
      </Button>
      {open ? (
        <SignatureDialog
          title={`Approve the risk acceptance of ${finding.vulnerabilityId}`}
          meaning={`By signing you accept the risk of ${finding.vulnerabilityId} in ${finding.packageName} ${finding.installedVersion} on ${finding.assetKey} until ${formatDateTime(exception.expiresAt)}, for the reason given ("approved"). After that date its SLA deadline applies again.`}
          noteLabel="Note (optional)"
          submitLabel="Sign and approve"
          pending={approve.isPending}
          error={approve.error}
          onSign={(credentials, note) =>
            approve.mutate(
              { ...credentials, note },
              {
                onSuccess: () => {
                  setOpen(false);
                  notifications.show({
                    color: 'teal',
                    message: 'The risk acceptance is approved.',
                  });
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

function RequestExceptionDialog({
  finding,
  onClose,
}: {
  finding: FindingDetail;
  onClose: () => void;
}) {
  const request = useRequestFindingException(finding.id);
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const errors = fieldErrors(request.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate(
      { reason: reason.trim(), expiresAt: endOfDay(expiresOn) },
      {
        onSuccess: () => {
          onClose();
          notifications.show({
            color: 'teal',
            message: 'Requested: Security approves it by signature.',
          });
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title="Request a risk acceptance">
      <form onSubmit={submit} noValidate aria-label="Request a risk acceptance">
        <Stack gap="md">
          <Text size="sm">
            {finding.vulnerabilityId} in {finding.packageName} {finding.installedVersion} on{' '}
            {finding.assetKey}. It holds once a member of Security other than you signs it, until
            the end of the expiry day (UTC).
          </Text>
          <FormError error={request.error} fields={['reason', 'expiresAt']} />
          <Textarea
            label="Reason"
            required
            autosize
            minRows={3}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={errors.reason}
            data-autofocus
          />
          <TextInput
            label="Expires on"
            type="date"
            required
            value={expiresOn}
            onChange={(event) => setExpiresOn(event.currentTarget.value)}
            error={errors.expiresAt}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={request.isPending}>
              Request
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * A finding's risk acceptances (exceptions): each with its reason, expiry and signature, the
 * approval for who may sign it, and a request for someone who may perform work.
 */
export function FindingExceptions({ finding }: { finding: FindingDetail }) {
  const can = useCan();
  const [requesting, setRequesting] = useState(false);
  const mayRequest = can('work:perform') && finding.status !== 'fixed';
  return (
    <Section
      title="Risk acceptance"
      actions={
        mayRequest ? (
          <Button variant="light" onClick={() => setRequesting(true)}>
            Request risk acceptance
          </Button>
        ) : null
      }
    >
      {finding.exceptions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No risk acceptance was requested: the finding is to be remediated within its SLA.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="sm" aria-label="Exceptions" data-testid="finding-exceptions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Requested</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Approval</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {finding.exceptions.map((exception) => (
                <Table.Tr key={exception.id} data-exception={exception.id}>
                  <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{exception.reason}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{exception.requestedBy}</Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(exception.requestedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDateTime(exception.expiresAt)}</Table.Td>
                  <Table.Td>
                    <ExceptionState exception={exception} />
                  </Table.Td>
                  <Table.Td>
                    <ApproveException finding={finding} exception={exception} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {requesting ? (
        <RequestExceptionDialog finding={finding} onClose={() => setRequesting(false)} />
      ) : null}
    </Section>
  );
}
