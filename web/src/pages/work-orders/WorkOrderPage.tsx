import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  PasswordInput,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useControl } from '../../api/catalog.js';
import {
  useCompleteWorkOrder,
  useRejectWorkOrder,
  useVerifyWorkOrder,
  useWorkOrder,
} from '../../api/work.js';
import type { SignatureMeaning, WorkOrderDetail } from '../../api/work-types.js';
import { useCan } from '../../auth/permissions.js';
import { WorkOrderStatusBadge } from '../../components/badges.js';
import { CommentsPanel } from '../../components/CommentsPanel.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { FormError, fieldErrors } from '../../components/form.js';
import {
  formatDateTime,
  formatDeadline,
  formatPerson,
  formatPeriod,
  personOfLabel,
} from '../../components/format.js';
import { PersonName } from '../../components/PersonName.js';
import { OWNER_ROLE_LABELS, labelOf } from '../../components/labels.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { useRequiredParam } from '../../components/params.js';
import { AssignmentPanel } from './AssignmentPanel.js';
import { ChecklistPanel } from './ChecklistPanel.js';
import { EvidencePanel } from './EvidencePanel.js';
import { HistoryTimeline } from './HistoryTimeline.js';
import { SignatureDialog } from './SignatureDialog.js';
import { SourceFactsPanel } from './SourceFactsPanel.js';

/** What each signature means, in the words shown before signing and on the record after. */
const MEANINGS: Record<SignatureMeaning, string> = {
  verified: 'I verify this closeout',
  rejected: 'I reject this closeout and return it to the performer',
  'closeout-override':
    'I complete this closeout despite the recorded source facts, for the reason given',
};

const KIND_LABELS: Record<WorkOrderDetail['kind'], string> = {
  preventive: 'Preventive (control occurrence)',
  corrective: 'Corrective',
};

export function WorkOrderPage() {
  const id = useRequiredParam('id');
  const workOrder = useWorkOrder(id);
  return <QueryView query={workOrder}>{(data) => <WorkOrder workOrder={data} />}</QueryView>;
}

function WorkOrder({ workOrder }: { workOrder: WorkOrderDetail }) {
  const can = useCan();
  const control = useControl(workOrder.controlKey ?? '', {
    enabled: workOrder.controlKey !== null,
  });
  // The server says who may sign and why not: the page does not re-implement its rules.
  const verifier = workOrder.abilities.verify;
  const [signing, setSigning] = useState<'verify' | 'reject' | null>(null);
  const inWork = workOrder.status === 'open' || workOrder.status === 'in_progress';
  const awaitingVerification = workOrder.status === 'done';
  const occurrence = workOrder.occurrence;

  return (
    <>
      <PageHeader
        title={`${workOrder.number} · ${workOrder.title}`}
        crumbs={[{ label: 'Work orders', to: '/work-orders' }]}
        badges={<WorkOrderStatusBadge status={workOrder.status} />}
        description={workOrder.description}
        actions={
          awaitingVerification && verifier.allowed ? (
            <>
              <Button color="teal" onClick={() => setSigning('verify')}>
                Verify
              </Button>
              <Button color="red" variant="light" onClick={() => setSigning('reject')}>
                Reject
              </Button>
            </>
          ) : null
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            {awaitingVerification && verifier.reason ? (
              <Alert color="gray" title="Awaiting verification">
                {verifier.reason}
              </Alert>
            ) : null}
            <Signatures workOrder={workOrder} />
            <Section title="Details">
              <DetailGrid
                details={[
                  { label: 'Kind', value: KIND_LABELS[workOrder.kind] },
                  { label: 'Owner', value: labelOf(OWNER_ROLE_LABELS, workOrder.ownerRole) },
                  {
                    label: 'Control',
                    value: occurrence ? (
                      <Anchor
                        component={Link}
                        to={`/controls/${encodeURIComponent(occurrence.controlKey)}`}
                        size="sm"
                      >
                        {occurrence.controlTitle}
                      </Anchor>
                    ) : null,
                  },
                  {
                    label: 'Period',
                    value: occurrence ? formatPeriod(occurrence.periodKey) : null,
                  },
                  {
                    label: 'Asset',
                    value: occurrence?.assetKey ? (
                      <Anchor
                        component={Link}
                        to={`/assets/${encodeURIComponent(occurrence.assetKey)}`}
                        size="sm"
                      >
                        {occurrence.assetKey}
                      </Anchor>
                    ) : null,
                  },
                  {
                    label: 'Due',
                    value: occurrence
                      ? `${formatDeadline(occurrence.dueAt)} (${formatDateTime(occurrence.dueAt)})`
                      : null,
                  },
                  { label: 'Performer', value: <PersonName label={workOrder.performerLabel} /> },
                  { label: 'Completed', value: formatDateTime(workOrder.completedAt) },
                  { label: 'Completion note', value: workOrder.completionNote, wide: true },
                ]}
              />
            </Section>
            {workOrder.sourceFacts ? <SourceFactsPanel facts={workOrder.sourceFacts} /> : null}
            <ChecklistPanel
              workOrderId={workOrder.id}
              items={workOrder.checklist}
              editable={inWork && can('work:perform')}
            />
            <EvidencePanel
              workOrderId={workOrder.id}
              evidence={workOrder.evidence}
              expected={control.data?.evidenceExpected ?? []}
              canUpload={inWork && can('work:perform')}
            />
            {inWork && can('work:perform') ? <CompleteForm workOrder={workOrder} /> : null}
            <CommentsPanel thread={{ records: 'work-orders', id: workOrder.id }} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <AssignmentPanel
              work={{ type: 'work-order', id: workOrder.id }}
              assignee={workOrder.assignee}
              open={inWork}
            />
            <Section title="History">
              <HistoryTimeline history={workOrder.history} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
      {signing === 'verify' ? (
        <VerifyDialog workOrderId={workOrder.id} onClose={() => setSigning(null)} />
      ) : null}
      {signing === 'reject' ? (
        <RejectDialog workOrderId={workOrder.id} onClose={() => setSigning(null)} />
      ) : null}
    </>
  );
}

/** The signatures on the work order, most visibly the verification once it is signed. */
function Signatures({ workOrder }: { workOrder: WorkOrderDetail }) {
  if (workOrder.signatures.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="signatures">
      {workOrder.signatures.map((signature) => (
        <Alert
          key={signature.id}
          color={signature.meaning === 'verified' ? 'teal' : 'orange'}
          title={`Signed by ${formatPerson(personOfLabel(signature.signerLabel)).primary}`}
        >
          <Text size="sm">“{MEANINGS[signature.meaning]}”</Text>
          <Text size="xs" c="dimmed">
            {personOfLabel(signature.signerLabel).email ?? ''}
            {personOfLabel(signature.signerLabel).email ? ' · ' : ''}
            {formatDateTime(signature.signedAt)} · re-authenticated by{' '}
            {signature.method === 'totp' ? 'authenticator code' : signature.method}
          </Text>
        </Alert>
      ))}
    </Stack>
  );
}

function CompleteForm({ workOrder }: { workOrder: WorkOrderDetail }) {
  const complete = useCompleteWorkOrder(workOrder.id);
  const [note, setNote] = useState('');
  const [justification, setJustification] = useState('');
  const [password, setPassword] = useState('');
  const remaining = workOrder.checklist.filter((item) => !item.done).length;
  // When the source's facts contradict the closeout, only a signed override completes it.
  const overriding =
    !workOrder.abilities.complete.allowed && workOrder.abilities.overrideContradiction.allowed;

  function submit(event: FormEvent) {
    event.preventDefault();
    complete.mutate(
      overriding
        ? { note: note.trim(), override: { justification: justification.trim(), password } }
        : { note: note.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: 'Work order completed' });
          setNote('');
          setJustification('');
          setPassword('');
        },
      },
    );
  }

  return (
    <Section title="Complete">
      <form onSubmit={submit} noValidate aria-label="Complete work order">
        <Stack gap="sm">
          <FormError
            error={complete.error}
            fields={['note', 'override.justification', 'override.password']}
          />
          {!workOrder.abilities.complete.allowed && workOrder.abilities.complete.reason ? (
            <Alert color={overriding ? 'orange' : 'gray'}>
              {workOrder.abilities.complete.reason}
            </Alert>
          ) : null}
          {remaining > 0 ? (
            <Text size="sm" c="orange.8">
              {remaining} checklist {remaining === 1 ? 'item is' : 'items are'} not done yet.
            </Text>
          ) : null}
          <Textarea
            label="Completion note"
            description="What was done and what the evidence shows; the verifier reads this."
            autosize
            minRows={3}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={fieldErrors(complete.error).note}
          />
          {overriding ? (
            <>
              <Textarea
                label="Why the closeout stands despite the recorded facts"
                description="Signed with your password and listed as an exception in evidence packs."
                autosize
                minRows={2}
                required
                value={justification}
                onChange={(event) => setJustification(event.currentTarget.value)}
                error={fieldErrors(complete.error)['override.justification']}
              />
              <PasswordInput
                label="Your password (signature)"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
              />
            </>
          ) : null}
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={complete.isPending}
              color={overriding ? 'orange' : undefined}
            >
              {overriding ? 'Sign override and complete' : 'Mark complete'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function VerifyDialog({ workOrderId, onClose }: { workOrderId: string; onClose: () => void }) {
  const verify = useVerifyWorkOrder(workOrderId);
  return (
    <SignatureDialog
      title="Verify closeout"
      meaning={MEANINGS.verified}
      noteLabel="Note (optional)"
      submitLabel="Sign and verify"
      submitColor="teal"
      pending={verify.isPending}
      error={verify.error}
      onClose={onClose}
      onSign={(credentials, note) =>
        verify.mutate(
          { ...credentials, ...(note ? { note } : {}) },
          {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: 'Closeout verified and signed' });
              onClose();
            },
          },
        )
      }
    />
  );
}

function RejectDialog({ workOrderId, onClose }: { workOrderId: string; onClose: () => void }) {
  const reject = useRejectWorkOrder(workOrderId);
  return (
    <SignatureDialog
      title="Reject closeout"
      meaning={MEANINGS.rejected}
      noteLabel="Reason"
      noteRequired
      submitLabel="Sign and reject"
      submitColor="red"
      pending={reject.isPending}
      error={reject.error}
      onClose={onClose}
      onSign={(credentials, reason) =>
        reject.mutate(
          { ...credentials, reason },
          {
            onSuccess: () => {
              notifications.show({ message: 'Closeout rejected: returned to the performer' });
              onClose();
            },
          },
        )
      }
    />
  );
}
