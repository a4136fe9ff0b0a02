import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useCan } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../components/format.js';
import { LoadMore } from '../../components/LoadMore.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';
import {
  useAccessRequests,
  useApproveAccessRequest,
  useGrantAccessRequest,
  useRejectAccessRequest,
  type AccessRequestStatus,
  type AccessRequestView,
} from './access-requests-api.js';
import { RequestAccessDialog } from './RequestAccessDialog.js';

const STATUS_COLORS: Record<AccessRequestStatus, string> = {
  requested: 'blue',
  approved: 'teal',
  granted: 'green',
  rejected: 'red',
};

function Decision({ request }: { request: AccessRequestView }) {
  if (request.status === 'rejected') {
    return (
      <Text size="sm">
        Rejected by {request.rejectedBy}, {formatDateTime(request.rejectedAt)}:{' '}
        {request.rejectionReason}
      </Text>
    );
  }
  if (!request.approvedAt) return <Text size="sm">—</Text>;
  return (
    <Text size="sm">
      Approved by {request.approvedBy}, {formatDateTime(request.approvedAt)}
      {request.grantedAt ? `; granted ${formatDateTime(request.grantedAt)}` : ''}
    </Text>
  );
}

function Actions({ request }: { request: AccessRequestView }) {
  const can = useCan();
  const [dialog, setDialog] = useState<'approve' | 'reject' | null>(null);
  const approve = useApproveAccessRequest(request.id);
  const reject = useRejectAccessRequest(request.id);
  const grant = useGrantAccessRequest(request.id);
  const decided = (message: string) => () => {
    setDialog(null);
    notifications.show({ color: 'teal', message });
  };
  const who = `${request.role} on ${request.asset} for ${request.person}`;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        {request.abilities.approve.allowed ? (
          <Button size="xs" onClick={() => setDialog('approve')}>
            Approve
          </Button>
        ) : null}
        {request.abilities.reject.allowed ? (
          <Button size="xs" variant="light" color="red" onClick={() => setDialog('reject')}>
            Reject
          </Button>
        ) : null}
        {request.status === 'approved' && can('access:approve') ? (
          <Button
            size="xs"
            variant="light"
            loading={grant.isPending}
            onClick={() => grant.mutate({})}
          >
            Record as granted
          </Button>
        ) : null}
      </Group>
      {request.status === 'requested' && !request.abilities.approve.allowed ? (
        <Text size="xs" c="dimmed">
          {request.abilities.approve.reason}
        </Text>
      ) : null}
      {grant.error ? <ErrorAlert error={grant.error} /> : null}
      {dialog === 'approve' ? (
        <SignatureDialog
          title="Approve access"
          meaning={`By signing you approve ${who}: you checked the justification and that the role is the least the work needs ("approved").`}
          noteLabel="Note (optional)"
          submitLabel="Sign and approve"
          pending={approve.isPending}
          error={approve.error}
          onSign={(credentials, note) =>
            approve.mutate(
              { ...credentials, note },
              { onSuccess: decided('The access request is approved.') },
            )
          }
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'reject' ? (
        <SignatureDialog
          title="Reject access"
          meaning={`By signing you refuse ${who} for the reason you give ("rejected"); the request is final.`}
          noteLabel="Reason"
          noteRequired
          submitLabel="Sign and reject"
          submitColor="red"
          pending={reject.isPending}
          error={reject.error}
          onSign={(credentials, reason) =>
            reject.mutate(
              { ...credentials, reason },
              { onSuccess: decided('The access request is rejected.') },
            )
          }
          onClose={() => setDialog(null)}
        />
      ) : null}
    </Stack>
  );
}

function RequestsTable({ status }: { status: AccessRequestStatus | undefined }) {
  const requests = useAccessRequests(status);
  return (
    <QueryView query={requests}>
      {(items) =>
        items.length === 0 ? (
          <EmptyMessage title="No access requests">
            Access is requested here or with plumbline access-requests create.
          </EmptyMessage>
        ) : (
          <>
            <Table.ScrollContainer minWidth={1000}>
              <Table striped verticalSpacing="sm" data-testid="access-requests">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Person</Table.Th>
                    <Table.Th>System</Table.Th>
                    <Table.Th>Role</Table.Th>
                    <Table.Th>Justification</Table.Th>
                    <Table.Th>Requested</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Decision</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((request) => (
                    <Table.Tr key={request.id} data-request={request.id}>
                      <Table.Td>{request.person}</Table.Td>
                      <Table.Td>{request.asset}</Table.Td>
                      <Table.Td>{request.role}</Table.Td>
                      <Table.Td>{request.justification}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{request.requestedBy}</Text>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(request.requestedAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge
                          variant="light"
                          color={STATUS_COLORS[request.status]}
                          data-testid="access-request-status"
                        >
                          {request.status}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Decision request={request} />
                      </Table.Td>
                      <Table.Td>
                        <Actions request={request} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMore list={requests} />
          </>
        )
      }
    </QueryView>
  );
}

/** Documented requests for access, approved or rejected by a second person by e-signature. */
export function AccessRequestsPage() {
  const can = useCan();
  const [status, setStatus] = useState<AccessRequestStatus | 'all'>('all');
  const [requesting, setRequesting] = useState(false);
  return (
    <>
      <PageHeader
        title="Access requests"
        description="Who asked for which access to which system and why, and who approved it by e-signature (never the requester). Accounts with no approved request are flagged unrequested."
        actions={
          can('access:request') ? (
            <Button onClick={() => setRequesting(true)}>Request access</Button>
          ) : null
        }
      />
      <SegmentedControl
        mb="md"
        value={status}
        onChange={(value) => setStatus(value)}
        data={[
          { value: 'all', label: 'All' },
          { value: 'requested', label: 'Requested' },
          { value: 'approved', label: 'Approved' },
          { value: 'granted', label: 'Granted' },
          { value: 'rejected', label: 'Rejected' },
        ]}
      />
      <RequestsTable status={status === 'all' ? undefined : status} />
      {requesting ? <RequestAccessDialog onClose={() => setRequesting(false)} /> : null}
    </>
  );
}
