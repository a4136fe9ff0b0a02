import { Select, SimpleGrid, Stack, Switch, Textarea } from '@mantine/core';
import type { OwnerRole } from '../../api/types.js';
import { OWNER_ROLE_LABELS, optionsOf } from '../../components/labels.js';
import { KeyAndNameInputs } from '../../components/KeyAndNameInputs.js';

export interface ProcessFormValues {
  key: string;
  name: string;
  description: string;
  ownerRole: OwnerRole | null;
  affectsConformity: boolean;
}

export const PROCESS_FORM_FIELDS = [
  'key',
  'name',
  'description',
  'ownerRole',
  'affectsConformity',
] as const;

export const EMPTY_PROCESS_FORM: ProcessFormValues = {
  key: '',
  name: '',
  description: '',
  ownerRole: null,
  affectsConformity: true,
};

const OWNER_ROLE_OPTIONS = optionsOf(OWNER_ROLE_LABELS);

export function ProcessFields({
  values,
  setField,
  errors,
  keyEditable,
}: {
  values: ProcessFormValues;
  setField: <K extends keyof ProcessFormValues>(field: K, value: ProcessFormValues[K]) => void;
  errors: Partial<Record<string, string>>;
  keyEditable: boolean;
}) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <KeyAndNameInputs
          values={values}
          onKey={(key) => setField('key', key)}
          onName={(name) => setField('name', name)}
          errors={errors}
          keyEditable={keyEditable}
        />
        <Select
          label="Owner role"
          required
          data={OWNER_ROLE_OPTIONS}
          value={values.ownerRole}
          onChange={(value) => setField('ownerRole', value)}
          error={errors.ownerRole}
        />
      </SimpleGrid>
      <Textarea
        label="Description"
        autosize
        minRows={3}
        value={values.description}
        onChange={(event) => setField('description', event.currentTarget.value)}
        error={errors.description}
      />
      <Switch
        label="Affects product or service conformity"
        checked={values.affectsConformity}
        onChange={(event) => setField('affectsConformity', event.currentTarget.checked)}
        error={errors.affectsConformity}
      />
    </Stack>
  );
}
