import { Badge, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useDeficiencyStep, useSignRecovery } from '../../api/recovery.js';
import type { NonconformanceItem, NonconformanceView } from '../../api/work-types.js';
import { useCan } from '../../auth/permissions.js';
import { FormError } from '../../components/form.js';
import { SignatureDialog } from '../work-orders/SignatureDialog.js';

const notifyError = (error: Error) => notifications.show({ color: 'red', message: error.message });

/** Owner person, due date and overdue flag of a deficiency. */
export function DeficiencyOwner({ item }: { item: NonconformanceView }) {
  return (
    <Stack gap={2}>
      {item.ownerUserLabel ? <Text size="sm">{item.ownerUserLabel}</Text> : null}
      {item.dueOn ? (
        <Group gap={4}>
          <Text size="xs" c="dimmed">
            due {item.dueOn}
          </Text>
          {item.overdue ? (
            <Badge color="red" size="xs">
              overdue
            </Badge>
          ) : null}
        </Group>
      ) : null}
    </Stack>
  );
}

/**
 * The next step of a deficiency: start it, resolve it with a note, or close it with a signed
 * verification by someone other than its resolver.
 */
export function DeficiencyActions({ item }: { item: NonconformanceItem }) {
  const can = useCan();
  const step = useDeficiencyStep();
  const sign = useSignRecovery({ kind: 'deficiency', id: item.id });
  const [resolving, setResolving] = useState(false);
  const [signing, setSigning] = useState(false);
  const [note, setNote] = useState('');
  if (item.status === 'open' && can('work:perform')) {
    return (
      <Button
        size="xs"
        variant="light"
        loading={step.isPending}
        onClick={() => step.mutate({ id: item.id, step: 'start' }, { onError: notifyError })}
      >
        Start
      </Button>
    );
  }
  if (item.status === 'in_progress' && can('work:perform')) {
    return (
      <>
        <Button size="xs" variant="light" onClick={() => setResolving(true)}>
          Resolve
        </Button>
        <Modal
          opened={resolving}
          onClose={() => setResolving(false)}
          title={`Resolve ${item.number}`}
        >
          <Stack>
            <FormError error={step.error} fields={['resolutionNote']} />
            <Textarea
              label="What was done"
              autosize
              minRows={3}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            <Button
              loading={step.isPending}
              onClick={() =>
                step.mutate(
                  { id: item.id, step: 'resolve', resolutionNote: note },
                  { onSuccess: () => setResolving(false) },
                )
              }
            >
              Mark resolved
            </Button>
          </Stack>
        </Modal>
      </>
    );
  }
  if (item.status === 'resolved' && can('work:verify')) {
    // The server says who may sign and why not: the page does not re-implement its rule.
    const verifier = item.abilities.verifyClosure;
    if (!verifier.allowed) {
      return verifier.reason === null ? null : (
        <Text size="xs" c="dimmed">
          {verifier.reason.charAt(0).toUpperCase() + verifier.reason.slice(1)}.
        </Text>
      );
    }
    return (
      <>
        <Button size="xs" color="teal" onClick={() => setSigning(true)}>
          Verify closure
        </Button>
        {signing ? (
          <SignatureDialog
            title={`Close ${item.number}`}
            meaning="By signing you confirm that the resolution was checked and the deficiency is corrected (verified)."
            noteLabel="How was it checked (optional)"
            submitLabel="Sign and close"
            submitColor="teal"
            pending={sign.isPending}
            error={sign.error}
            onSign={(credentials, signNote) =>
              sign.mutate(
                { ...credentials, ...(signNote ? { note: signNote } : {}) },
                { onSuccess: () => setSigning(false) },
              )
            }
            onClose={() => setSigning(false)}
          />
        ) : null}
      </>
    );
  }
  return null;
}
