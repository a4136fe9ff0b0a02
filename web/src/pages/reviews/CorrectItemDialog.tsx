import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useAsset } from '../../api/register.js';
import { useRespondToReviewItem } from '../../api/reviews.js';
import type { AssetView, ReviewItemView } from '../../api/types.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { QueryView } from '../../components/QueryView.js';
import { AssetFields } from '../assets/AssetFields.js';
import { ASSET_FORM_FIELDS, assetToFormValues, changedFields } from '../assets/asset-form.js';

/** "Here is what was wrong": the corrected fields are applied to the asset with the note. */
export function CorrectItemDialog({
  campaignId,
  item,
  onClose,
}: {
  campaignId: string;
  item: ReviewItemView;
  onClose: () => void;
}) {
  const asset = useAsset(item.assetKey);
  return (
    <Modal opened onClose={onClose} title={`Correct ${item.assetName}`} size="xl">
      <QueryView query={asset}>
        {(data) => (
          <CorrectionForm campaignId={campaignId} item={item} asset={data} onClose={onClose} />
        )}
      </QueryView>
    </Modal>
  );
}

function CorrectionForm({
  campaignId,
  item,
  asset,
  onClose,
}: {
  campaignId: string;
  item: ReviewItemView;
  asset: AssetView;
  onClose: () => void;
}) {
  const respond = useRespondToReviewItem(campaignId);
  const { values, setField } = useFormValues(() => assetToFormValues(asset));
  const [note, setNote] = useState('');
  const [nothingChanged, setNothingChanged] = useState(false);
  const errors = fieldErrors(respond.error);
  const changeErrors = fieldErrors(respond.error, 'body.changes.');

  function submit(event: FormEvent) {
    event.preventDefault();
    const changes = changedFields(asset, values);
    setNothingChanged(Object.keys(changes).length === 0);
    if (Object.keys(changes).length === 0) return;
    respond.mutate(
      {
        itemId: item.id,
        response: {
          decision: 'corrected',
          note,
          changes: { ...changes, expectedVersion: asset.version },
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'blue', message: `${item.assetName} corrected` });
          onClose();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <AssetFields
          values={values}
          setField={setField}
          errors={changeErrors}
          keyEditable={false}
        />
        <Textarea
          label="What was wrong"
          required
          autosize
          minRows={2}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={errors.note}
        />
        <FormError
          error={respond.error}
          fields={['note', ...ASSET_FORM_FIELDS.map((field) => `changes.${field}`)]}
        />
        {nothingChanged ? (
          <Alert color="gray">Change at least one field, or confirm the record instead.</Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={respond.isPending}>
            Save correction
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
