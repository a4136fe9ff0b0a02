import { Button, Group, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useAssets, useLinkAsset } from '../../api/register.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';

const FIELDS = ['assetKey', 'conformityImpact', 'controlMethod', 'evidenceLocation'] as const;
const EMPTY = {
  assetKey: null as string | null,
  conformityImpact: '',
  controlMethod: '',
  evidenceLocation: '',
};

/** Adds a row to the matrix: this process depends on that asset, how it is controlled, where the evidence is. */
export function LinkAssetForm({
  processKey,
  linkedAssetKeys,
}: {
  processKey: string;
  linkedAssetKeys: ReadonlySet<string>;
}) {
  const assets = useAssets();
  const link = useLinkAsset();
  const { values, setField, setValues } = useFormValues(EMPTY);
  const errors = fieldErrors(link.error);
  const options = (assets.data ?? [])
    .filter((asset) => !linkedAssetKeys.has(asset.key))
    .map((asset) => ({ value: asset.key, label: `${asset.name} (${asset.key})` }));

  function submit(event: FormEvent) {
    event.preventDefault();
    link.mutate(
      { ...values, assetKey: values.assetKey ?? '', processKey },
      {
        onSuccess: (row) => {
          notifications.show({
            color: 'teal',
            message: `${row.assetName} linked to ${row.processName}`,
          });
          setValues(EMPTY);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Link asset">
      <Stack gap="sm">
        <FormError error={link.error} fields={FIELDS} />
        <Select
          label="Asset"
          placeholder={assets.isPending ? 'Loading assets…' : 'Choose an asset'}
          searchable
          required
          data={options}
          value={values.assetKey}
          onChange={(value) => setField('assetKey', value)}
          error={errors.assetKey}
          nothingFoundMessage="No unlinked asset matches"
        />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Textarea
            label="Conformity impact"
            description="What fails if this infrastructure breaks"
            required
            autosize
            minRows={2}
            value={values.conformityImpact}
            onChange={(event) => setField('conformityImpact', event.currentTarget.value)}
            error={errors.conformityImpact}
          />
          <Textarea
            label="Control method"
            description="Maintenance, service contract, monitoring, backup…"
            required
            autosize
            minRows={2}
            value={values.controlMethod}
            onChange={(event) => setField('controlMethod', event.currentTarget.value)}
            error={errors.controlMethod}
          />
        </SimpleGrid>
        <TextInput
          label="Evidence location"
          description="System of record holding the evidence"
          required
          value={values.evidenceLocation}
          onChange={(event) => setField('evidenceLocation', event.currentTarget.value)}
          error={errors.evidenceLocation}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={link.isPending}>
            Link asset
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
