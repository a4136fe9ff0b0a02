import {
  Fieldset,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useSuppliers } from '../../api/register.js';
import {
  CATEGORY_LABELS,
  CRITICALITY_LABELS,
  DATA_CLASSIFICATION_LABELS,
  ENVIRONMENT_LABELS,
  LIFECYCLE_LABELS,
  OWNER_ROLE_LABELS,
  optionsOf,
} from '../../components/labels.js';
import type { AssetFormField, AssetFormValues } from './asset-form.js';
import { KeyAndNameInputs } from '../../components/KeyAndNameInputs.js';

const CATEGORY_OPTIONS = optionsOf(CATEGORY_LABELS);
const ENVIRONMENT_OPTIONS = optionsOf(ENVIRONMENT_LABELS);
const CRITICALITY_OPTIONS = optionsOf(CRITICALITY_LABELS);
const CLASSIFICATION_OPTIONS = optionsOf(DATA_CLASSIFICATION_LABELS);
const LIFECYCLE_OPTIONS = optionsOf(LIFECYCLE_LABELS);
const OWNER_ROLE_OPTIONS = optionsOf(OWNER_ROLE_LABELS);

/** The fields of an asset record, grouped as a reviewer reads them. */
export function AssetFields({
  values,
  setField,
  errors,
  keyEditable,
}: {
  values: AssetFormValues;
  setField: <K extends AssetFormField>(field: K, value: AssetFormValues[K]) => void;
  errors: Partial<Record<string, string>>;
  /** The key names the asset for good; it is set at creation only. */
  keyEditable: boolean;
}) {
  const suppliers = useSuppliers();
  const supplierOptions = (suppliers.data ?? []).map((supplier) => ({
    value: supplier.key,
    label: `${supplier.name} (${supplier.key})`,
  }));
  const highRisk = values.criticality === 'critical' || values.criticality === 'high';

  return (
    <Stack gap="lg">
      <Fieldset legend="Identity">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <KeyAndNameInputs
            values={values}
            onKey={(key) => setField('key', key)}
            onName={(name) => setField('name', name)}
            errors={errors}
            keyEditable={keyEditable}
          />
          <Select
            label="Category"
            required
            data={CATEGORY_OPTIONS}
            value={values.category}
            onChange={(value) => setField('category', value)}
            error={errors.category}
          />
          <Select
            label="Lifecycle status"
            required
            allowDeselect={false}
            data={LIFECYCLE_OPTIONS}
            value={values.lifecycleStatus}
            onChange={(value) => value && setField('lifecycleStatus', value)}
            error={errors.lifecycleStatus}
          />
        </SimpleGrid>
        <Textarea
          mt="sm"
          label="Purpose"
          description="What it is for and which processes rely on it."
          autosize
          minRows={2}
          value={values.purpose}
          onChange={(event) => setField('purpose', event.currentTarget.value)}
          error={errors.purpose}
        />
      </Fieldset>

      <Fieldset legend="Ownership and supplier">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Owner role"
            required
            data={OWNER_ROLE_OPTIONS}
            value={values.ownerRole}
            onChange={(value) => setField('ownerRole', value)}
            error={errors.ownerRole}
          />
          <TextInput
            label="Owner person"
            description="E-mail of the accountable person"
            type="email"
            value={values.ownerPerson}
            onChange={(event) => setField('ownerPerson', event.currentTarget.value)}
            error={errors.ownerPerson}
          />
          <Select
            label="Supplier"
            placeholder={suppliers.isPending ? 'Loading suppliers…' : 'None'}
            searchable
            clearable
            data={supplierOptions}
            value={values.supplierKey}
            onChange={(value) => setField('supplierKey', value)}
            error={errors.supplierKey}
          />
          <Switch
            mt="xl"
            label="Managed by a third party"
            checked={values.thirdPartyManaged}
            onChange={(event) => setField('thirdPartyManaged', event.currentTarget.checked)}
            error={errors.thirdPartyManaged}
          />
        </SimpleGrid>
      </Fieldset>

      <Fieldset legend="Risk">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Criticality"
            required
            data={CRITICALITY_OPTIONS}
            value={values.criticality}
            onChange={(value) => setField('criticality', value)}
            error={errors.criticality}
          />
          <Select
            label="Data classification"
            required
            data={CLASSIFICATION_OPTIONS}
            value={values.dataClassification}
            onChange={(value) => setField('dataClassification', value)}
            error={errors.dataClassification}
          />
        </SimpleGrid>
        <Textarea
          mt="sm"
          label="Criticality rationale"
          description={highRisk ? 'Required for critical and high ratings.' : undefined}
          required={highRisk}
          autosize
          minRows={2}
          value={values.criticalityRationale}
          onChange={(event) => setField('criticalityRationale', event.currentTarget.value)}
          error={errors.criticalityRationale}
        />
      </Fieldset>

      <Fieldset legend="Operation">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Environment"
            required
            data={ENVIRONMENT_OPTIONS}
            value={values.environment}
            onChange={(value) => setField('environment', value)}
            error={errors.environment}
          />
          <TextInput
            label="Region"
            value={values.region}
            onChange={(event) => setField('region', event.currentTarget.value)}
            error={errors.region}
          />
          <TextInput
            label="Configuration reference"
            description="IaC path, version or baseline"
            value={values.configurationReference}
            onChange={(event) => setField('configurationReference', event.currentTarget.value)}
            error={errors.configurationReference}
          />
          <TagsInput
            label="Tags"
            description="Press Enter after each tag"
            value={values.tags}
            onChange={(tags) => setField('tags', tags)}
            error={
              errors.tags ??
              Object.entries(errors).find(([field]) => field.startsWith('tags.'))?.[1]
            }
          />
        </SimpleGrid>
        <Textarea
          mt="sm"
          label="Acceptance criteria"
          description="What fit for purpose means for it"
          autosize
          minRows={2}
          value={values.acceptanceCriteria}
          onChange={(event) => setField('acceptanceCriteria', event.currentTarget.value)}
          error={errors.acceptanceCriteria}
        />
      </Fieldset>

      <Fieldset legend="Review">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Last reviewed on"
            type="date"
            value={values.lastReviewedOn}
            onChange={(event) => setField('lastReviewedOn', event.currentTarget.value)}
            error={errors.lastReviewedOn}
          />
          <TextInput
            label="Next review due on"
            type="date"
            value={values.nextReviewDueOn}
            onChange={(event) => setField('nextReviewDueOn', event.currentTarget.value)}
            error={errors.nextReviewDueOn}
          />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
