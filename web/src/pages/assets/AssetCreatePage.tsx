import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useCreateAsset } from '../../api/register.js';
import {
  FormError,
  fieldErrors,
  useFirstErrorInView,
  useFormValues,
} from '../../components/form.js';
import { PageHeader } from '../../components/PageHeader.js';
import { AssetFields } from './AssetFields.js';
import {
  ASSET_FORM_FIELDS,
  EMPTY_ASSET_FORM,
  missingChoices,
  toAssetInput,
  type AssetFormField,
} from './asset-form.js';

export function AssetCreatePage() {
  const navigate = useNavigate();
  const create = useCreateAsset();
  const { values, setField } = useFormValues(EMPTY_ASSET_FORM);
  const [missing, setMissing] = useState<Partial<Record<AssetFormField, string>> | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFirstErrorInView(formRef, create.error, missing);

  function submit(event: FormEvent) {
    event.preventDefault();
    const unchosen = missingChoices(values);
    const anyMissing = Object.keys(unchosen).length > 0;
    setMissing(anyMissing ? unchosen : null);
    if (anyMissing) return;
    create.mutate(toAssetInput(values), {
      onSuccess: (asset) => {
        notifications.show({ color: 'teal', message: `Asset ${asset.key} created` });
        void navigate(`/assets/${encodeURIComponent(asset.key)}`);
      },
    });
  }

  return (
    <>
      <PageHeader
        title="New asset"
        description="Record a piece of infrastructure the organisation depends on."
        crumbs={[{ label: 'Assets', to: '/assets' }]}
      />
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="lg" maw={960}>
          <FormError error={create.error} fields={ASSET_FORM_FIELDS} />
          <AssetFields
            values={values}
            setField={setField}
            errors={{ ...fieldErrors(create.error), ...missing }}
            keyEditable
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => void navigate('/assets')}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create asset
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
