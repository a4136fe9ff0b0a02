import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { OccurrenceView } from '../../api/types.js';
import { useMarkNotApplicable } from '../../api/work.js';
import { FormError, fieldErrors } from '../../components/form.js';
import { formatPeriod } from '../../components/format.js';

/** Records that an occurrence does not apply; the justification is kept as audit evidence. */
export function NotApplicableDialog({
  occurrence,
  onClose,
}: {
  occurrence: OccurrenceView;
  onClose: () => void;
}) {
  const mark = useMarkNotApplicable();
  const [justification, setJustification] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    mark.mutate(
      { occurrenceId: occurrence.id, justification: justification.trim() },
      {
        onSuccess: () => {
          notifications.show({ message: `${occurrence.controlTitle}: marked not applicable` });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title="Mark not applicable">
      <form onSubmit={submit} noValidate aria-label="Mark not applicable">
        <Stack gap="md">
          <Text size="sm">
            <b>{occurrence.controlTitle}</b>
            {occurrence.assetKey ? ` for ${occurrence.assetKey}` : ''}, period{' '}
            {formatPeriod(occurrence.periodKey, occurrence.opensAt)}. Auditors will read why it did
            not apply.
          </Text>
          <FormError error={mark.error} fields={['justification']} />
          <Textarea
            label="Justification"
            required
            autosize
            minRows={3}
            value={justification}
            onChange={(event) => setJustification(event.currentTarget.value)}
            error={fieldErrors(mark.error).justification}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={mark.isPending}>
              Mark not applicable
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
