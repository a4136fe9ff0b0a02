import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { CertificationValues, SupplierFormValues } from './supplier-form.js';
import { KeyAndNameInputs } from '../../components/KeyAndNameInputs.js';

type SetField = <K extends keyof SupplierFormValues>(
  field: K,
  value: SupplierFormValues[K],
) => void;

export function SupplierFields({
  values,
  setField,
  errors,
  keyEditable,
}: {
  values: SupplierFormValues;
  setField: SetField;
  errors: Partial<Record<string, string>>;
  keyEditable: boolean;
}) {
  return (
    <Stack gap="lg">
      <Fieldset legend="Supplier">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <KeyAndNameInputs
            values={values}
            onKey={(key) => setField('key', key)}
            onName={(name) => setField('name', name)}
            errors={errors}
            keyEditable={keyEditable}
          />
          <TextInput
            label="Contract reference"
            value={values.contractReference}
            onChange={(event) => setField('contractReference', event.currentTarget.value)}
            error={errors.contractReference}
          />
          <TextInput
            label="Escalation contact"
            value={values.escalationContact}
            onChange={(event) => setField('escalationContact', event.currentTarget.value)}
            error={errors.escalationContact}
          />
        </SimpleGrid>
        <Textarea
          mt="sm"
          label="Services"
          autosize
          minRows={2}
          value={values.services}
          onChange={(event) => setField('services', event.currentTarget.value)}
          error={errors.services}
        />
        <Textarea
          mt="sm"
          label="Notes"
          autosize
          minRows={2}
          value={values.notes}
          onChange={(event) => setField('notes', event.currentTarget.value)}
          error={errors.notes}
        />
      </Fieldset>
      <CertificationsEditor
        certifications={values.certifications}
        onChange={(certifications) => setField('certifications', certifications)}
        errors={errors}
      />
    </Stack>
  );
}

function CertificationsEditor({
  certifications,
  onChange,
  errors,
}: {
  certifications: CertificationValues[];
  onChange: (certifications: CertificationValues[]) => void;
  errors: Partial<Record<string, string>>;
}) {
  function update(index: number, change: Partial<CertificationValues>) {
    onChange(certifications.map((item, i) => (i === index ? { ...item, ...change } : item)));
  }
  return (
    <Fieldset legend="Certifications">
      <Stack gap="sm">
        {certifications.length === 0 ? (
          <Text size="sm" c="dimmed">
            No certifications recorded.
          </Text>
        ) : null}
        {certifications.map((certification, index) => (
          <Group key={index} align="flex-start" wrap="wrap">
            <TextInput
              label="Certification"
              placeholder="ISO 27001, SOC 2 Type II…"
              required
              style={{ flex: '1 1 200px' }}
              value={certification.name}
              onChange={(event) => update(index, { name: event.currentTarget.value })}
              error={errors[`certifications.${index}.name`]}
            />
            <TextInput
              label="Expires on"
              type="date"
              w={180}
              value={certification.expiresOn}
              onChange={(event) => update(index, { expiresOn: event.currentTarget.value })}
              error={errors[`certifications.${index}.expiresOn`]}
            />
            <ActionIcon
              mt={28}
              variant="subtle"
              color="red"
              aria-label={`Remove certification ${index + 1}`}
              onClick={() => onChange(certifications.filter((_, i) => i !== index))}
            >
              ✕
            </ActionIcon>
          </Group>
        ))}
        {errors.certifications ? (
          <Text size="sm" c="red">
            {errors.certifications}
          </Text>
        ) : null}
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() => onChange([...certifications, { name: '', expiresOn: '' }])}
          >
            Add certification
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
