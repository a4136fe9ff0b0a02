import { Button, Group, Paper, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useControls } from '../../api/catalog.js';
import { useAssets } from '../../api/register.js';
import { useCreateWorkOrder } from '../../api/work.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { PageHeader } from '../../components/PageHeader.js';

const FIELDS = ['title', 'description', 'assetKey', 'controlKey'] as const;

/** A corrective work order: work that no schedule asked for, e.g. after a nonconformance. */
export function WorkOrderCreatePage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateWorkOrder();
  const assets = useAssets();
  const controls = useControls();
  const { values, setField } = useFormValues({
    title: '',
    description: '',
    assetKey: params.get('asset'),
    controlKey: params.get('control'),
  });
  const errors = fieldErrors(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const { title, description, assetKey, controlKey } = values;
    create.mutate(
      {
        title,
        description,
        ...(assetKey ? { assetKey } : {}),
        ...(controlKey ? { controlKey } : {}),
      },
      {
        onSuccess: (workOrder) => {
          notifications.show({ message: `Work order ${workOrder.number} created` });
          void navigate(`/work-orders/${workOrder.id}`);
        },
      },
    );
  }

  return (
    <>
      <PageHeader
        title="New corrective work order"
        crumbs={[{ label: 'Work orders', to: '/work-orders' }]}
      />
      <Paper withBorder p="lg" radius="md" maw={720}>
        <form onSubmit={submit} noValidate aria-label="New corrective work order">
          <Stack gap="md">
            <FormError error={create.error} fields={FIELDS} />
            <TextInput
              label="Title"
              required
              value={values.title}
              onChange={(event) => setField('title', event.currentTarget.value)}
              error={errors.title}
            />
            <Textarea
              label="Description"
              required
              autosize
              minRows={4}
              value={values.description}
              onChange={(event) => setField('description', event.currentTarget.value)}
              error={errors.description}
            />
            <Select
              label="Asset"
              placeholder="None"
              clearable
              searchable
              data={(assets.data ?? []).map((asset) => ({
                value: asset.key,
                label: `${asset.name} (${asset.key})`,
              }))}
              value={values.assetKey}
              onChange={(value) => setField('assetKey', value)}
              error={errors.assetKey}
            />
            <Select
              label="Control"
              placeholder="None"
              clearable
              searchable
              data={(controls.data ?? []).map((control) => ({
                value: control.key,
                label: control.title,
              }))}
              value={values.controlKey}
              onChange={(value) => setField('controlKey', value)}
              error={errors.controlKey}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending}>
                Create work order
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
