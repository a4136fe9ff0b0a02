import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useUpdateMatrixRow } from '../../api/register.js';
import type { MatrixRowView } from '../../api/types.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';

const FIELDS = ['conformityImpact', 'controlMethod', 'evidenceLocation'] as const;

export function EditMatrixRowDialog({ row, onClose }: { row: MatrixRowView; onClose: () => void }) {
  const update = useUpdateMatrixRow();
  const { values, setField } = useFormValues({
    conformityImpact: row.conformityImpact,
    controlMethod: row.controlMethod,
    evidenceLocation: row.evidenceLocation,
  });
  const errors = fieldErrors(update.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate(
      { id: row.id, patch: values },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: 'Matrix row saved' });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={`${row.processName} · ${row.assetName}`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <FormError error={update.error} fields={FIELDS} />
          <Textarea
            label="Conformity impact"
            required
            autosize
            minRows={2}
            value={values.conformityImpact}
            onChange={(event) => setField('conformityImpact', event.currentTarget.value)}
            error={errors.conformityImpact}
          />
          <Textarea
            label="Control method"
            required
            autosize
            minRows={2}
            value={values.controlMethod}
            onChange={(event) => setField('controlMethod', event.currentTarget.value)}
            error={errors.controlMethod}
          />
          <TextInput
            label="Evidence location"
            required
            value={values.evidenceLocation}
            onChange={(event) => setField('evidenceLocation', event.currentTarget.value)}
            error={errors.evidenceLocation}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
