import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { useRecordDecommissioning, useRequestProvisioning } from './lifecycle-api.js';

const PROVISIONING_FIELDS = [
  'purpose',
  'requirements',
  'securityConsiderations',
  'acceptanceCriteria',
  'configurationReference',
] as const;

/** Opens a provisioning request for the asset; criteria are one per line. */
export function RequestProvisioningDialog({
  assetKey,
  configurationReference,
  onClose,
}: {
  assetKey: string;
  configurationReference: string;
  onClose: () => void;
}) {
  const request = useRequestProvisioning();
  const { values, setField } = useFormValues({
    purpose: '',
    requirements: '',
    securityConsiderations: '',
    acceptanceCriteria: '',
    configurationReference,
  });
  const errors = fieldErrors(request.error);
  const criteriaError = Object.entries(errors).find(([path]) =>
    path.startsWith('acceptanceCriteria'),
  )?.[1];

  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate(
      {
        asset: assetKey,
        ...values,
        acceptanceCriteria: values.acceptanceCriteria
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line !== ''),
      },
      {
        onSuccess: (created) => {
          notifications.show({ color: 'teal', message: `${created.number} is requested.` });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title="Request provisioning" size="lg">
      <form onSubmit={submit} noValidate aria-label="Request provisioning">
        <Stack gap="md">
          <FormError error={request.error} fields={PROVISIONING_FIELDS} />
          <Textarea
            label="Purpose"
            required
            autosize
            value={values.purpose}
            onChange={(event) => setField('purpose', event.currentTarget.value)}
            error={errors.purpose}
          />
          <Textarea
            label="Requirements"
            required
            autosize
            value={values.requirements}
            onChange={(event) => setField('requirements', event.currentTarget.value)}
            error={errors.requirements}
          />
          <Textarea
            label="Security considerations"
            required
            autosize
            value={values.securityConsiderations}
            onChange={(event) => setField('securityConsiderations', event.currentTarget.value)}
            error={errors.securityConsiderations}
          />
          <Textarea
            label="Acceptance criteria"
            description="One per line; each is verified on its own by someone other than the implementer"
            required
            autosize
            minRows={3}
            value={values.acceptanceCriteria}
            onChange={(event) => setField('acceptanceCriteria', event.currentTarget.value)}
            error={criteriaError}
          />
          <TextInput
            label="Configuration reference"
            description="IaC path, module, version or baseline it is built from"
            required
            value={values.configurationReference}
            onChange={(event) => setField('configurationReference', event.currentTarget.value)}
            error={errors.configurationReference}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={request.isPending}>
              Request
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const DECOMMISSIONING_FIELDS = [
  'retentionDecision',
  'dataDisposition',
  'dataLocation',
  'sanitisationMethod',
  'sanitisationReference',
] as const;

type Disposition = 'migrated' | 'archived' | 'nothing-retained';
type Method = 'clear' | 'purge' | 'destroy';

/** Opens a decommissioning record for the asset; the asset moves to decommissioning. */
export function RecordDecommissioningDialog({
  assetKey,
  onClose,
}: {
  assetKey: string;
  onClose: () => void;
}) {
  const record = useRecordDecommissioning();
  const { values, setField } = useFormValues({
    retentionDecision: '',
    dataDisposition: null as Disposition | null,
    dataLocation: '',
    sanitisationMethod: null as Method | null,
    sanitisationReference: '',
  });
  const errors = fieldErrors(record.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const { dataDisposition, sanitisationMethod, ...rest } = values;
    record.mutate(
      {
        asset: assetKey,
        ...rest,
        ...(dataDisposition ? { dataDisposition } : {}),
        ...(sanitisationMethod ? { sanitisationMethod } : {}),
      },
      {
        onSuccess: (created) => {
          notifications.show({ color: 'teal', message: `${created.number} is recorded.` });
          onClose();
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title="Record decommissioning" size="lg">
      <form onSubmit={submit} noValidate aria-label="Record decommissioning">
        <Stack gap="md">
          <FormError error={record.error} fields={DECOMMISSIONING_FIELDS} />
          <Textarea
            label="Retention decision"
            description="Which records it holds, how long each must be kept, what is kept"
            required
            autosize
            value={values.retentionDecision}
            onChange={(event) => setField('retentionDecision', event.currentTarget.value)}
            error={errors.retentionDecision}
          />
          <Select
            label="Data"
            required
            data={[
              { value: 'migrated', label: 'Migrated' },
              { value: 'archived', label: 'Archived' },
              { value: 'nothing-retained', label: 'Nothing retained' },
            ]}
            value={values.dataDisposition}
            onChange={(value) => setField('dataDisposition', value)}
            error={errors.dataDisposition}
          />
          <TextInput
            label="Data location"
            description="Where migrated or archived data now lives"
            value={values.dataLocation}
            onChange={(event) => setField('dataLocation', event.currentTarget.value)}
            error={errors.dataLocation}
          />
          <Select
            label="Sanitisation method"
            description="NIST SP 800-88"
            required
            data={[
              { value: 'clear', label: 'Clear' },
              { value: 'purge', label: 'Purge' },
              { value: 'destroy', label: 'Destroy' },
            ]}
            value={values.sanitisationMethod}
            onChange={(value) => setField('sanitisationMethod', value)}
            error={errors.sanitisationMethod}
          />
          <TextInput
            label="Sanitisation certificate or reference"
            value={values.sanitisationReference}
            onChange={(event) => setField('sanitisationReference', event.currentTarget.value)}
            error={errors.sanitisationReference}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={record.isPending}>
              Record
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
