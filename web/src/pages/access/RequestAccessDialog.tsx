import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useAssets } from '../../api/register.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { useRequestAccess } from './access-requests-api.js';

const FIELDS = ['person', 'asset', 'role', 'justification'] as const;

/** Records a request for access: the person, the system, the role and why. */
export function RequestAccessDialog({ onClose }: { onClose: () => void }) {
  const request = useRequestAccess();
  const assets = useAssets();
  const { values, setField } = useFormValues({
    person: '',
    asset: null as string | null,
    role: '',
    justification: '',
  });
  const errors = fieldErrors(request.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate(
      { ...values, asset: values.asset ?? '' },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: 'Access is requested.' });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title="Request access" size="lg">
      <form onSubmit={submit} noValidate aria-label="Request access">
        <Stack gap="md">
          <FormError error={request.error} fields={FIELDS} />
          <TextInput
            label="Person"
            description="E-mail of the person in the people register"
            required
            type="email"
            value={values.person}
            onChange={(event) => setField('person', event.currentTarget.value)}
            error={errors.person}
          />
          <Select
            label="System"
            required
            searchable
            data={(assets.data ?? []).map((asset) => ({
              value: asset.key,
              label: `${asset.name} (${asset.key})`,
            }))}
            value={values.asset}
            onChange={(value) => setField('asset', value)}
            error={errors.asset}
          />
          <TextInput
            label="Role"
            description="The predefined role or group"
            required
            value={values.role}
            onChange={(event) => setField('role', event.currentTarget.value)}
            error={errors.role}
          />
          <Textarea
            label="Justification"
            required
            autosize
            value={values.justification}
            onChange={(event) => setField('justification', event.currentTarget.value)}
            error={errors.justification}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={request.isPending}>
              Request
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
