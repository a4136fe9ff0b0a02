import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useSupplier, useUpdateSupplier } from '../../api/register.js';
import type { SupplierView } from '../../api/types.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { useRequiredParam } from '../../components/params.js';
import { SupplierFields } from './SupplierFields.js';
import { SUPPLIER_FORM_FIELDS, supplierToFormValues, toSupplierInput } from './supplier-form.js';

export function SupplierEditPage() {
  const key = useRequiredParam('key');
  const supplier = useSupplier(key);
  return <QueryView query={supplier}>{(data) => <SupplierEditForm supplier={data} />}</QueryView>;
}

function SupplierEditForm({ supplier }: { supplier: SupplierView }) {
  const navigate = useNavigate();
  const update = useUpdateSupplier(supplier.key);
  const { values, setField } = useFormValues(() => supplierToFormValues(supplier));
  const errors = fieldErrors(update.error);
  const detailPath = `/suppliers/${encodeURIComponent(supplier.key)}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    const { key: _key, ...patch } = toSupplierInput(values);
    update.mutate(patch, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: `Supplier ${supplier.key} saved` });
        void navigate(detailPath);
      },
    });
  }

  return (
    <>
      <PageHeader
        title={`Edit ${supplier.name}`}
        crumbs={[
          { label: 'Suppliers', to: '/suppliers' },
          { label: supplier.key, to: detailPath },
        ]}
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="lg" maw={960}>
          <FormError error={update.error} fields={SUPPLIER_FORM_FIELDS} />
          <SupplierFields values={values} setField={setField} errors={errors} keyEditable={false} />
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
