import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { DetailGrid } from '../../components/DetailGrid.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../components/format.js';
import { QueryView } from '../../components/QueryView.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';
import {
  useApproveProvisioning,
  useStartProvisioning,
  useVerifyCriterion,
  useProvisioningRequest,
  type ProvisioningRequestDetail,
} from './lifecycle-api.js';

/** Why an action is not open to this person, when the server says (abilities). */
export function AbilityReason({ reason }: { reason: string | null }) {
  return reason ? (
    <Text size="xs" c="dimmed">
      {reason}
    </Text>
  ) : null;
}

/** One provisioning request: its content, approval, start and criterion-by-criterion verification. */
export function ProvisioningRequestCard({ id }: { id: string }) {
  const detail = useProvisioningRequest(id);
  return (
    <QueryView query={detail}>{(request) => <ProvisioningRequest request={request} />}</QueryView>
  );
}

function ProvisioningRequest({ request }: { request: ProvisioningRequestDetail }) {
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      data-testid="provisioning-request"
      data-number={request.number}
    >
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>Provisioning request {request.number}</Title>
          <Badge variant="light" data-testid="provisioning-status">
            {request.status}
          </Badge>
        </Group>
        <DetailGrid
          details={[
            { label: 'Purpose', value: request.purpose, wide: true },
            { label: 'Requirements', value: request.requirements, wide: true },
            { label: 'Security considerations', value: request.securityConsiderations, wide: true },
            { label: 'Configuration reference', value: request.configurationReference },
            {
              label: 'Requested',
              value: `${request.requestedBy}, ${formatDateTime(request.requestedAt)}`,
            },
            {
              label: 'Approval',
              value: request.approvedAt
                ? `Signed by ${request.approvedBy ?? ''}, ${formatDateTime(request.approvedAt)}`
                : 'Pending',
            },
            {
              label: 'Provisioning',
              value: request.startedAt
                ? `Started by ${request.implementedBy ?? ''}, ${formatDateTime(request.startedAt)}`
                : 'Not started',
            },
          ]}
        />
        <Group gap="sm">
          <Approve request={request} />
          <Start request={request} />
        </Group>
        <Criteria request={request} />
      </Stack>
    </Paper>
  );
}

function Approve({ request }: { request: ProvisioningRequestDetail }) {
  const [open, setOpen] = useState(false);
  const approve = useApproveProvisioning(request.id);
  const ability = request.abilities.approve;
  if (!ability.allowed)
    return <AbilityReason reason={request.status === 'requested' ? ability.reason : null} />;
  return (
    <>
      <Button onClick={() => setOpen(true)}>Approve</Button>
      {open ? (
        <SignatureDialog
          title={`Approve ${request.number}`}
          meaning={
            'By signing you approve building this asset: you reviewed its purpose, requirements, security considerations and acceptance criteria ("approved").'
          }
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
                  notifications.show({ color: 'teal', message: `${request.number} is approved.` });
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

function Start({ request }: { request: ProvisioningRequestDetail }) {
  const start = useStartProvisioning(request.id);
  if (!request.abilities.start.allowed) return null;
  return (
    <Stack gap={4}>
      <Button variant="light" loading={start.isPending} onClick={() => start.mutate({})}>
        Start provisioning
      </Button>
      {start.error ? <ErrorAlert error={start.error} /> : null}
    </Stack>
  );
}

function Criteria({ request }: { request: ProvisioningRequestDetail }) {
  const [verifying, setVerifying] = useState<number | null>(null);
  const verify = useVerifyCriterion(request.id);
  const ability = request.abilities.verifyCriteria;
  return (
    <>
      <Table verticalSpacing="xs" data-testid="acceptance-criteria">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Acceptance criterion</Table.Th>
            <Table.Th>Verification</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {request.acceptanceCriteria.map((criterion) => (
            <Table.Tr key={criterion.position} data-position={criterion.position}>
              <Table.Td>{criterion.criterion}</Table.Td>
              <Table.Td>
                {criterion.verifiedAt ? (
                  <Text size="sm">
                    {criterion.observation} — signed by {criterion.verifiedBy},{' '}
                    {formatDateTime(criterion.verifiedAt)}
                  </Text>
                ) : ability.allowed ? (
                  <Button size="xs" onClick={() => setVerifying(criterion.position)}>
                    Verify
                  </Button>
                ) : (
                  <AbilityReason reason={ability.reason} />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {verifying !== null ? (
        <SignatureDialog
          title={`Verify criterion ${verifying} of ${request.number}`}
          meaning={
            'By signing you confirm you checked this acceptance criterion against what was built and saw it hold ("verified").'
          }
          noteLabel="What was checked and seen"
          noteRequired
          submitLabel="Sign and verify"
          submitColor="teal"
          pending={verify.isPending}
          error={verify.error}
          onSign={(credentials, observation) =>
            verify.mutate(
              { ...credentials, observation, position: verifying },
              {
                onSuccess: () => {
                  setVerifying(null);
                  notifications.show({ color: 'teal', message: 'The criterion is verified.' });
                },
              },
            )
          }
          onClose={() => setVerifying(null)}
        />
      ) : null}
    </>
  );
}
