import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useRespondToReviewItem } from '../../api/reviews.js';
import type { ReviewItemView } from '../../api/types.js';
import { FormError, fieldErrors } from '../../components/form.js';

/** "The record is right": stamps the asset reviewed today. */
export function ConfirmItemDialog({
  campaignId,
  item,
  onClose,
}: {
  campaignId: string;
  item: ReviewItemView;
  onClose: () => void;
}) {
  const respond = useRespondToReviewItem(campaignId);
  const [note, setNote] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    respond.mutate(
      { itemId: item.id, response: { decision: 'confirmed', note } },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `${item.assetName} confirmed` });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={`Confirm ${item.assetName}`}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            You confirm that the register entry for <b>{item.assetKey}</b> is accurate and complete.
          </Text>
          <FormError error={respond.error} fields={['note']} />
          <Textarea
            label="Note (optional)"
            autosize
            minRows={2}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={fieldErrors(respond.error).note}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="teal" loading={respond.isPending}>
              Confirm record
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
