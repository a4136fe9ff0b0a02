import { Badge, Button, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  useApproveChange,
  useChange,
  useImplementChange,
  useVerifyChange,
  type ChangeDetail,
  type VerificationOutcome,
} from '../../api/changes.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { formatDateTime } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';
import { Judged } from './ChangesPage.js';

const dash = (value: string | null) => value ?? '—';

/** Why an action is not open to this person, when the server says (abilities). */
function Reason({ reason }: { reason: string | null }) {
  return reason ? (
    <Text size="sm" c="dimmed">
      {reason}
    </Text>
  ) : null;
}

function Approve({ change }: { change: ChangeDetail }) {
  const [open, setOpen] = useState(false);
  const approve = useApproveChange(change.id);
  if (!change.abilities.approve.allowed) return <Reason reason={change.abilities.approve.reason} />;
  return (
    <>
      <Button onClick={() => setOpen(true)}>Approve</Button>
      {open ? (
        <SignatureDialog
          title={`Approve ${change.number}`}
          meaning={
            change.implementedAt
              ? 'By signing you approve this emergency change after the fact: you reviewed its risk, conformity impact, tests and rollback plan ("approved").'
              : 'By signing you approve this change for implementation: you reviewed its risk, conformity impact, tests and rollback plan ("approved").'
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
                  notifications.show({ color: 'teal', message: `${change.number} is approved.` });
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

function Implement({ change }: { change: ChangeDetail }) {
  const implement = useImplementChange(change.id);
  if (!change.abilities.implement.allowed) {
    return <Reason reason={change.abilities.implement.reason} />;
  }
  return (
    <Button
      variant="light"
      loading={implement.isPending}
      onClick={() =>
        implement.mutate(undefined, {
          onError: (error) => notifications.show({ color: 'red', message: error.message }),
        })
      }
    >
      Record as implemented now
    </Button>
  );
}

function Verify({ change }: { change: ChangeDetail }) {
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<VerificationOutcome>('as-intended');
  const verify = useVerifyChange(change.id);
  if (!change.abilities.verify.allowed) return <Reason reason={change.abilities.verify.reason} />;
  return (
    <Group>
      <SegmentedControl
        aria-label="Outcome"
        value={outcome}
        onChange={(value) => setOutcome(value === 'rolled-back' ? 'rolled-back' : 'as-intended')}
        data={[
          { value: 'as-intended', label: 'Worked as intended' },
          { value: 'rolled-back', label: 'Rolled back' },
        ]}
      />
      <Button color="teal" onClick={() => setOpen(true)}>
        Verify
      </Button>
      {open ? (
        <SignatureDialog
          title={`Verify ${change.number}`}
          meaning={
            outcome === 'rolled-back'
              ? 'By signing you confirm the change misbehaved and was rolled back, for the reason you give ("verified").'
              : 'By signing you confirm you checked the change did what was intended without side effects ("verified").'
          }
          noteLabel="What was checked"
          noteRequired
          submitLabel="Sign and verify"
          submitColor="teal"
          pending={verify.isPending}
          error={verify.error}
          onSign={(credentials, note) =>
            verify.mutate(
              { ...credentials, note, outcome },
              {
                onSuccess: () => {
                  setOpen(false);
                  notifications.show({ color: 'teal', message: `${change.number} is verified.` });
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

function Change({ change }: { change: ChangeDetail }) {
  return (
    <>
      <PageHeader
        title={`${change.number} · ${change.title}`}
        crumbs={[{ label: 'Changes', to: '/changes' }]}
      />
      <Stack gap="lg">
        <Section title="Change">
          <DetailGrid
            details={[
              { label: 'Status', value: <span data-testid="change-status">{change.status}</span> },
              { label: 'Type', value: change.type },
              { label: 'Risk', value: change.risk },
              {
                label: 'Requested',
                value: `${formatDateTime(change.requestedAt)} by ${change.requester}`,
              },
              {
                label: 'Planned window',
                value: change.plannedStart
                  ? `${formatDateTime(change.plannedStart)} – ${formatDateTime(change.plannedEnd ?? '')}`
                  : '—',
              },
              { label: 'Assets', value: change.assets.map((a) => a.key).join(', ') || '—' },
              {
                label: 'Processes',
                value: change.processes.map((p) => p.name).join(', ') || '—',
              },
              { label: 'Description', value: change.description, wide: true },
              {
                label: 'Conformity impact',
                value: dash(change.conformityImpact || null),
                wide: true,
              },
              { label: 'Tests', value: dash(change.testSummary || null), wide: true },
              { label: 'Rollback plan', value: dash(change.rollbackPlan || null), wide: true },
              {
                label: 'Test evidence',
                value: change.evidence.map((file) => file.filename).join(', ') || '—',
                wide: true,
              },
            ]}
          />
        </Section>
        <Section title="Approval">
          <Stack gap="sm" data-testid="change-approval">
            {change.approval ? (
              <Text size="sm">
                Signed by {change.approval.by}, {formatDateTime(change.approval.at)}
              </Text>
            ) : (
              <Text size="sm">Not approved yet.</Text>
            )}
            <Group>
              <Text size="sm">Approved before implementation:</Text>
              <Judged value={change.approvedBeforeImplementation} />
            </Group>
            <Approve change={change} />
          </Stack>
        </Section>
        <Section title="Implementation and verification">
          <Stack gap="sm" data-testid="change-verification">
            <Text size="sm">
              Implemented:{' '}
              {change.implementedAt
                ? `${formatDateTime(change.implementedAt)} (${change.implementedBy ?? ''})`
                : 'not yet'}
            </Text>
            <Implement change={change} />
            {change.verification ? (
              <Text size="sm">
                {change.verification.outcome === 'rolled-back' ? 'Rolled back' : 'Verified'}:{' '}
                {change.verification.note} — signed by {change.verification.by},{' '}
                {formatDateTime(change.verification.at)}
              </Text>
            ) : change.verificationDueAt ? (
              <Text size="sm">Verification due {formatDateTime(change.verificationDueAt)}</Text>
            ) : null}
            <Group>
              <Text size="sm">Verified within 48 hours:</Text>
              <Judged value={change.verifiedWithin48h} />
            </Group>
            <Verify change={change} />
          </Stack>
        </Section>
        {change.events.length > 0 ? (
          <Section title="Delivery events">
            <Table striped>
              <Table.Tbody>
                {change.events.map((event) => (
                  <Table.Tr key={event.id}>
                    <Table.Td>{formatDateTime(event.occurredAt)}</Table.Td>
                    <Table.Td>{event.kind}</Table.Td>
                    <Table.Td>{event.state}</Table.Td>
                    <Table.Td>{event.summary}</Table.Td>
                    <Table.Td>{event.flagged ? <Badge color="red">flagged</Badge> : null}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
        ) : null}
      </Stack>
    </>
  );
}

/** One change: what it is, its approval, implementation and verification, all signed. */
export function ChangePage() {
  const { id = '' } = useParams();
  const change = useChange(id);
  return <QueryView query={change}>{(data) => <Change change={data} />}</QueryView>;
}
