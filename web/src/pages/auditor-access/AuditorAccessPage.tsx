import { Badge, Button, Modal, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import {
  useAuditorEngagements,
  useResendAuditorInvitation,
  useRevokeAuditorEngagement,
} from '../../api/auditor-access.js';
import type { AuditorEngagementView, InvitationIssuedView } from '../../api/types.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { LoadMore } from '../../components/LoadMore.js';
import { QueryView } from '../../components/QueryView.js';
import { InvitationResult } from './InvitationResult.js';
import { InviteAuditorDialog } from './InviteAuditorDialog.js';

const STATUS_COLORS: Record<AuditorEngagementView['status'], string> = {
  scheduled: 'blue',
  active: 'teal',
  expired: 'gray',
  revoked: 'red',
};

/** Admin: outside auditors invited for a framework and a period, and their access. */
export function AuditorAccessPage() {
  const engagements = useAuditorEngagements();
  const [inviteOpen, inviteDialog] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title="Auditor access"
        description="Time-boxed, read-only access for outside auditors: one framework, one period, two-factor authentication required."
        actions={<Button onClick={inviteDialog.open}>Invite an auditor</Button>}
      />
      <QueryView query={engagements}>
        {(items) => (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table striped verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Auditor</Table.Th>
                    <Table.Th>Framework</Table.Th>
                    <Table.Th>Period</Table.Th>
                    <Table.Th>Access</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((engagement) => (
                    <EngagementRow key={engagement.id} engagement={engagement} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <LoadMore list={engagements} />
          </>
        )}
      </QueryView>
      <InviteAuditorDialog opened={inviteOpen} onClose={inviteDialog.close} />
    </>
  );
}

function EngagementRow({ engagement }: { engagement: AuditorEngagementView }) {
  const revoke = useRevokeAuditorEngagement();
  const resend = useResendAuditorInvitation();
  const [issued, setIssued] = useState<InvitationIssuedView | null>(null);
  const live = engagement.status === 'active' || engagement.status === 'scheduled';
  return (
    <Table.Tr data-testid={`engagement-${engagement.email}`}>
      <Table.Td>
        <Text size="sm" fw={500}>
          {engagement.name}
        </Text>
        <Text size="xs" c="dimmed">
          {engagement.email}
          {engagement.invitationAccepted ? '' : ' · invitation not accepted yet'}
        </Text>
      </Table.Td>
      <Table.Td>{engagement.framework}</Table.Td>
      <Table.Td>
        {engagement.periodFrom} to {engagement.periodTo}
      </Table.Td>
      <Table.Td>
        <Text size="sm">until {formatDateTime(engagement.expiresAt)}</Text>
        <Text size="xs" c="dimmed">
          invited by {engagement.invitedBy}
          {engagement.revokedBy ? `, revoked by ${engagement.revokedBy}` : ''}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLORS[engagement.status]} variant="light">
          {engagement.status}
        </Badge>
      </Table.Td>
      <Table.Td>
        {live ? (
          <Button
            size="compact-sm"
            variant="subtle"
            loading={resend.isPending}
            onClick={() =>
              resend.mutate(engagement.id, {
                onSuccess: setIssued,
                onError: (error) =>
                  notifications.show({
                    color: 'red',
                    title: 'Not resent',
                    message: error.message,
                  }),
              })
            }
          >
            Resend invitation
          </Button>
        ) : null}
        <Modal
          opened={issued !== null}
          onClose={() => setIssued(null)}
          title="Invitation issued again"
          size="lg"
        >
          {issued ? <InvitationResult issued={issued} /> : null}
        </Modal>
        {live ? (
          <ConfirmButton
            size="compact-sm"
            variant="subtle"
            color="red"
            title="Revoke auditor access"
            message={`${engagement.email} loses access at once and is signed out.`}
            confirmLabel="Revoke"
            loading={revoke.isPending}
            onConfirm={() =>
              revoke.mutate(engagement.id, {
                onSuccess: () =>
                  notifications.show({ message: `Access of ${engagement.email} revoked` }),
                onError: (error) =>
                  notifications.show({
                    color: 'red',
                    title: 'Not revoked',
                    message: error.message,
                  }),
              })
            }
          >
            Revoke
          </ConfirmButton>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}
