import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useCreateSupplier } from '../../api/register.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SupplierFields } from './SupplierFields.js';
import { EMPTY_SUPPLIER_FORM, SUPPLIER_FORM_FIELDS, toSupplierInput } from './supplier-form.js';

export function SupplierCreatePage() {
  const navigate = useNavigate();
  const create = useCreateSupplier();
  const { values, setField } = useFormValues(EMPTY_SUPPLIER_FORM);
  const errors = fieldErrors(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(toSupplierInput(values), {
      onSuccess: (supplier) => {
        notifications.show({ color: 'teal', message: `Supplier ${supplier.key} created` });
        void navigate(`/suppliers/${encodeURIComponent(supplier.key)}`);
      },
    });
  }

  return (
    <>
      <PageHeader title="New supplier" crumbs={[{ label: 'Suppliers', to: '/suppliers' }]} />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={960}>
          <FormError error={create.error} fields={SUPPLIER_FORM_FIELDS} />
          <SupplierFields values={values} setField={setField} errors={errors} keyEditable />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate('/suppliers')}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create supplier
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
