import { Alert, Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useAsset, useUpdateAsset } from '../../api/register.js';
import type { AssetView } from '../../api/types.js';
import {
  FormError,
  fieldErrors,
  useFirstErrorInView,
  useFormValues,
} from '../../components/form.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { useRequiredParam } from '../../components/params.js';
import { AssetFields } from './AssetFields.js';
import { ASSET_FORM_FIELDS, assetToFormValues, changedFields } from './asset-form.js';

export function AssetEditPage() {
  const key = useRequiredParam('key');
  const asset = useAsset(key);
  return <QueryView query={asset}>{(data) => <AssetEditForm asset={data} />}</QueryView>;
}

/**
 * Sends only what changed, with the version the form started from: if someone else saved in the
 * meantime the server refuses instead of silently overwriting their change.
 */
function AssetEditForm({ asset }: { asset: AssetView }) {
  const navigate = useNavigate();
  const update = useUpdateAsset(asset.key);
  const { values, setField } = useFormValues(() => assetToFormValues(asset));
  const [nothingChanged, setNothingChanged] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFirstErrorInView(formRef, update.error);
  const detailPath = `/assets/${encodeURIComponent(asset.key)}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    const changes = changedFields(asset, values);
    setNothingChanged(Object.keys(changes).length === 0);
    if (Object.keys(changes).length === 0) return;
    update.mutate(
      { ...changes, expectedVersion: asset.version },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `Asset ${asset.key} saved` });
          void navigate(detailPath);
        },
      },
    );
  }

  return (
    <>
      <PageHeader
        title={`Edit ${asset.name}`}
        description={`Key ${asset.key} · version ${asset.version}`}
        crumbs={[
          { label: 'Assets', to: '/assets' },
          { label: asset.key, to: detailPath },
        ]}
      />
      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="lg" maw={960}>
          <FormError error={update.error} fields={ASSET_FORM_FIELDS} />
          <AssetFields
            values={values}
            setField={setField}
            errors={fieldErrors(update.error)}
            keyEditable={false}
          />
          {nothingChanged ? <Alert color="gray">Nothing has changed yet.</Alert> : null}
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
