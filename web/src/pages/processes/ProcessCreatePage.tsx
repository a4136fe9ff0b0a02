import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useCreateProcess } from '../../api/register.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EMPTY_PROCESS_FORM, PROCESS_FORM_FIELDS, ProcessFields } from './ProcessFields.js';

export function ProcessCreatePage() {
  const navigate = useNavigate();
  const create = useCreateProcess();
  const { values, setField } = useFormValues(EMPTY_PROCESS_FORM);
  const [ownerMissing, setOwnerMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const { ownerRole } = values;
    setOwnerMissing(ownerRole === null);
    if (ownerRole === null) return;
    create.mutate(
      { ...values, ownerRole },
      {
        onSuccess: (process) => {
          notifications.show({ color: 'teal', message: `Process ${process.key} created` });
          void navigate(`/processes/${encodeURIComponent(process.key)}`);
        },
      },
    );
  }

  return (
    <>
      <PageHeader title="New process" crumbs={[{ label: 'Processes', to: '/processes' }]} />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={760}>
          <FormError error={create.error} fields={PROCESS_FORM_FIELDS} />
          <ProcessFields
            values={values}
            setField={setField}
            errors={{
              ...fieldErrors(create.error),
              ...(ownerMissing ? { ownerRole: 'is required' } : {}),
            }}
            keyEditable
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate('/processes')}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create process
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
