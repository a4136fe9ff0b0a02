import {
  Badge,
  Button,
  Group,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  ROOT_CAUSE_METHODS,
  useAddCapaAction,
  useCapa,
  useCloseCapa,
  useRecordRootCause,
  useSignEffectivenessCheck,
  useUpdateCapaAction,
  type CapaDetail,
  type CheckOutcome,
  type RootCauseMethod,
} from '../../api/capas.js';
import { useCan, useCurrentUser } from '../../auth/permissions.js';
import { DetailGrid } from '../../components/DetailGrid.js';
import { FormError } from '../../components/form.js';
import { formatDate, formatDateTime, todayIsoDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { Section } from '../../components/Section.js';
import { CAPA_STATUS_LABELS } from './CapasPage.js';

const notifyError = (error: Error) => notifications.show({ color: 'red', message: error.message });

const METHOD_LABELS: Record<RootCauseMethod, string> = {
  five_whys: 'Five whys',
  fishbone: 'Fishbone (Ishikawa)',
  fault_tree: 'Fault tree',
  other: 'Other',
};

/** Why an ability is not allowed, when the server says so in words. */
function Reason({ reason }: { reason: string | null }) {
  return reason ? (
    <Text size="sm" c="dimmed">
      {reason}
    </Text>
  ) : null;
}

function RootCauseForm({ capa }: { capa: CapaDetail }) {
  const record = useRecordRootCause(capa.id);
  const [method, setMethod] = useState<RootCauseMethod>(capa.rootCause?.method ?? 'five_whys');
  const [text, setText] = useState(capa.rootCause?.text ?? '');
  return (
    <Stack gap="sm">
      <FormError error={record.error} fields={['method', 'text']} />
      <Select
        label="Method"
        allowDeselect={false}
        data={ROOT_CAUSE_METHODS.map((value) => ({ value, label: METHOD_LABELS[value] }))}
        value={method}
        onChange={(value) => {
          if (value) setMethod(value);
        }}
      />
      <Textarea
        label="Root cause analysis"
        autosize
        minRows={3}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <Group>
        <Button
          loading={record.isPending}
          disabled={text.trim() === ''}
          onClick={() => record.mutate({ method, text }, { onError: notifyError })}
        >
          Record root cause
        </Button>
      </Group>
    </Stack>
  );
}

function AddActionForm({ capa }: { capa: CapaDetail }) {
  const user = useCurrentUser();
  const add = useAddCapaAction(capa.id);
  const [title, setTitle] = useState('');
  const [ownerUserId, setOwnerUserId] = useState(user.id);
  const [dueOn, setDueOn] = useState(todayIsoDate());
  return (
    <Stack gap="sm" data-testid="capa-add-action">
      <FormError error={add.error} fields={[]} />
      <TextInput
        label="Action"
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
      />
      <Group grow align="start">
        <TextInput
          label="Owner (user id)"
          description="You by default; an owner cannot sign the effectiveness check"
          value={ownerUserId}
          onChange={(event) => setOwnerUserId(event.currentTarget.value)}
        />
        <TextInput
          label="Due on"
          type="date"
          value={dueOn}
          onChange={(event) => setDueOn(event.currentTarget.value)}
        />
      </Group>
      <Group>
        <Button
          loading={add.isPending}
          disabled={title.trim() === ''}
          onClick={() =>
            add.mutate(
              { title, ownerUserId, dueOn },
              { onSuccess: () => setTitle(''), onError: notifyError },
            )
          }
        >
          Add action
        </Button>
      </Group>
    </Stack>
  );
}

function ActionRow({ capa, action }: { capa: CapaDetail; action: CapaDetail['actions'][number] }) {
  const can = useCan();
  const user = useCurrentUser();
  const update = useUpdateCapaAction(capa.id);
  const [note, setNote] = useState('');
  const mayUpdate = can('nonconformance:manage') || action.ownerUserId === user.id;
  const toDo = action.status === 'open' || action.status === 'in_progress';
  return (
    <Table.Tr data-action={action.title}>
      <Table.Td>
        <Text size="sm">{action.title}</Text>
        {action.completionNote ? (
          <Text size="xs" c="dimmed">
            {action.completionNote} ({formatDateTime(action.completedAt)})
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>{action.ownerLabel}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          <Text size="sm">{formatDate(action.dueOn)}</Text>
          {action.overdue ? (
            <Badge color="red" size="xs">
              overdue
            </Badge>
          ) : null}
        </Group>
      </Table.Td>
      <Table.Td>
        {toDo && mayUpdate && capa.status !== 'closed' ? (
          <Group gap="xs" align="end" wrap="nowrap">
            <TextInput
              size="xs"
              aria-label={`What was done: ${action.title}`}
              placeholder="What was done"
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            <Button
              size="xs"
              variant="light"
              disabled={note.trim() === ''}
              loading={update.isPending}
              onClick={() =>
                update.mutate(
                  { actionId: action.id, status: 'done', note },
                  { onError: notifyError },
                )
              }
            >
              Done
            </Button>
          </Group>
        ) : (
          <Text size="sm">{action.status.replace('_', ' ')}</Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function EffectivenessCheckForm({ capa }: { capa: CapaDetail }) {
  const sign = useSignEffectivenessCheck(capa.id);
  const [outcome, setOutcome] = useState<CheckOutcome>('passed');
  const [note, setNote] = useState('');
  const [password, setPassword] = useState('');
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={outcome}
        onChange={(value) => setOutcome(value)}
        data={[
          { value: 'passed', label: 'Effective' },
          { value: 'failed', label: 'Not effective' },
        ]}
      />
      <Textarea
        label="What was checked and found"
        autosize
        minRows={2}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
      <PasswordInput
        label="Your password (signature)"
        value={password}
        onChange={(event) => setPassword(event.currentTarget.value)}
      />
      <Group>
        <Button
          loading={sign.isPending}
          disabled={note.trim() === '' || password === ''}
          onClick={() =>
            sign.mutate(
              { outcome, note, password },
              { onSuccess: () => setPassword(''), onError: notifyError },
            )
          }
        >
          Sign the effectiveness check
        </Button>
      </Group>
    </Stack>
  );
}

function Capa({ capa }: { capa: CapaDetail }) {
  const close = useCloseCapa(capa.id);
  const check = capa.effectivenessCheck;
  return (
    <>
      <PageHeader
        title={`${capa.number} · ${capa.title}`}
        crumbs={[{ label: 'CAPAs', to: '/capas' }]}
        badges={<Badge data-testid="capa-status">{CAPA_STATUS_LABELS[capa.status]}</Badge>}
        actions={
          capa.abilities.close.allowed ? (
            <Button
              loading={close.isPending}
              onClick={() => close.mutate(undefined, { onError: notifyError })}
            >
              Close CAPA
            </Button>
          ) : null
        }
      />
      <Stack gap="lg">
        <Section title="CAPA">
          <DetailGrid
            details={[
              { label: 'Kind', value: capa.kind },
              { label: 'Owner', value: capa.ownerLabel },
              {
                label: 'Nonconformances',
                value: capa.nonconformances.map((nc) => `${nc.number} · ${nc.title}`).join('\n'),
              },
              { label: 'Opened', value: `${formatDateTime(capa.openedAt)} by ${capa.openedBy}` },
              {
                label: 'Closed',
                value: capa.closedAt ? `${formatDateTime(capa.closedAt)} by ${capa.closedBy}` : '',
              },
            ]}
          />
        </Section>
        <Section title="Root cause">
          <div data-testid="capa-root-cause">
            {capa.rootCause ? (
              <Stack gap={4} mb="sm">
                <Text size="sm" fw={500}>
                  {METHOD_LABELS[capa.rootCause.method]}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {capa.rootCause.text}
                </Text>
              </Stack>
            ) : (
              <Text size="sm" c="dimmed" mb="sm">
                Not recorded yet: actions follow the analysis.
              </Text>
            )}
          </div>
          {capa.abilities.recordRootCause.allowed ? (
            <RootCauseForm capa={capa} />
          ) : (
            <Reason reason={capa.abilities.recordRootCause.reason} />
          )}
        </Section>
        <Section title="Actions">
          {capa.actions.length > 0 ? (
            <Table.ScrollContainer minWidth={700}>
              <Table verticalSpacing="sm" data-testid="capa-actions">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Action</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>Due</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {capa.actions.map((action) => (
                    <ActionRow key={action.id} capa={capa} action={action} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : (
            <Text size="sm" c="dimmed">
              No action yet.
            </Text>
          )}
          {capa.abilities.addAction.allowed ? (
            <AddActionForm capa={capa} />
          ) : (
            <Reason reason={capa.abilities.addAction.reason} />
          )}
        </Section>
        <Section title="Effectiveness check">
          <div data-testid="capa-check">
            <DetailGrid
              details={[
                { label: 'Planned on', value: formatDate(check.plannedOn) },
                { label: 'Criteria', value: check.criteria, wide: true },
                ...(check.outcome
                  ? [
                      {
                        label: 'Outcome',
                        value: check.outcome === 'passed' ? 'Effective' : 'Not effective',
                      },
                      {
                        label: 'Signed',
                        value: `${check.checkedBy ?? ''}, ${formatDateTime(check.checkedAt)}`,
                      },
                      { label: 'Finding', value: check.note ?? '', wide: true },
                    ]
                  : []),
              ]}
            />
          </div>
          {capa.abilities.signEffectivenessCheck.allowed ? (
            <EffectivenessCheckForm capa={capa} />
          ) : (
            <Reason reason={capa.abilities.signEffectivenessCheck.reason} />
          )}
        </Section>
      </Stack>
    </>
  );
}

/** One CAPA: the nonconformances it answers, root cause, actions and the effectiveness check. */
export function CapaPage() {
  const { id = '' } = useParams();
  const capa = useCapa(id);
  return <QueryView query={capa}>{(data) => <Capa capa={data} />}</QueryView>;
}
