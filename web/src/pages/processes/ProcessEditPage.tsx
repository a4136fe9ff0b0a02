import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useProcess, useUpdateProcess } from '../../api/register.js';
import type { ProcessView } from '../../api/types.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { useRequiredParam } from '../../components/params.js';
import { PROCESS_FORM_FIELDS, ProcessFields, type ProcessFormValues } from './ProcessFields.js';

export function ProcessEditPage() {
  const key = useRequiredParam('key');
  const process = useProcess(key);
  return <QueryView query={process}>{(data) => <ProcessEditForm process={data} />}</QueryView>;
}

function ProcessEditForm({ process }: { process: ProcessView }) {
  const navigate = useNavigate();
  const update = useUpdateProcess(process.key);
  const { values, setField } = useFormValues<ProcessFormValues>({
    key: process.key,
    name: process.name,
    description: process.description,
    ownerRole: process.ownerRole,
    affectsConformity: process.affectsConformity,
  });
  const detailPath = `/processes/${encodeURIComponent(process.key)}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    const { key: _key, ownerRole, ...rest } = values;
    update.mutate(
      { ...rest, ...(ownerRole ? { ownerRole } : {}) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `Process ${process.key} saved` });
          void navigate(detailPath);
        },
      },
    );
  }

  return (
    <>
      <PageHeader
        title={`Edit ${process.name}`}
        crumbs={[
          { label: 'Processes', to: '/processes' },
          { label: process.key, to: detailPath },
        ]}
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={760}>
          <FormError error={update.error} fields={PROCESS_FORM_FIELDS} />
          <ProcessFields
            values={values}
            setField={setField}
            errors={fieldErrors(update.error)}
            keyEditable={false}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate(detailPath)}>
              Cancel
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
