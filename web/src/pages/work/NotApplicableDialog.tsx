import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { OccurrenceView } from '../../api/types.js';
import { useMarkNotApplicable } from '../../api/work.js';
import { FormError, fieldErrors } from '../../components/form.js';
import { formatPeriod } from '../../components/format.js';

/**
 * The justification of a not-applicable mark (one occurrence or several): what it is for, the
 * text, and the button; the field's error is the server's.
 */
export function NotApplicableForm({
  intro,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  intro: ReactNode;
  submitLabel: string;
  pending: boolean;
  error: Error | null;
  onSubmit: (justification: string) => void;
  onCancel: () => void;
}) {
  const [justification, setJustification] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(justification.trim());
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Mark not applicable">
      <Stack gap="md">
        <Text size="sm">{intro}</Text>
        <FormError error={error} fields={['justification']} />
        <Textarea
          label="Justification"
          required
          autosize
          minRows={3}
          value={justification}
          onChange={(event) => setJustification(event.currentTarget.value)}
          error={fieldErrors(error).justification}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Records that an occurrence does not apply; the justification is kept as audit evidence. */
export function NotApplicableDialog({
  occurrence,
  onClose,
}: {
  occurrence: OccurrenceView;
  onClose: () => void;
}) {
  const mark = useMarkNotApplicable();
  return (
    <Modal opened onClose={onClose} title="Mark not applicable">
      <NotApplicableForm
        intro={
          <>
            <b>{occurrence.controlTitle}</b>
            {occurrence.assetKey ? ` for ${occurrence.assetKey}` : ''}, period{' '}
            {formatPeriod(occurrence.periodKey, occurrence.opensAt)}. Auditors will read why it did
            not apply.
          </>
        }
        submitLabel="Mark not applicable"
        pending={mark.isPending}
        error={mark.error}
        onCancel={onClose}
        onSubmit={(justification) =>
          mark.mutate(
            { occurrenceId: occurrence.id, justification },
            {
              onSuccess: () => {
                notifications.show({
                  message: `${occurrence.controlTitle}: marked not applicable`,
                });
                onClose();
              },
            },
          )
        }
      />
    </Modal>
  );
}
