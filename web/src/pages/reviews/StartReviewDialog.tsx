import { Button, Group, Modal, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useStartReviewCampaign } from '../../api/reviews.js';
import type { AssetCategory, Criticality, Environment } from '../../api/types.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import {
  CATEGORY_LABELS,
  CRITICALITY_LABELS,
  ENVIRONMENT_LABELS,
  optionsOf,
} from '../../components/labels.js';

const FIELDS = ['name', 'dueOn', 'scope'] as const;

interface StartValues {
  name: string;
  dueOn: string;
  category: AssetCategory | null;
  environment: Environment | null;
  criticality: Criticality | null;
}

const EMPTY: StartValues = {
  name: '',
  dueOn: '',
  category: null,
  environment: null,
  criticality: null,
};

/** Starts an inventory review: every asset in scope gets an item its owner must answer. */
export function StartReviewDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const start = useStartReviewCampaign();
  const navigate = useNavigate();
  const { values, setField, setValues } = useFormValues(EMPTY);
  const errors = fieldErrors(start.error);

  function close() {
    start.reset();
    setValues(EMPTY);
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const { name, dueOn, category, environment, criticality } = values;
    start.mutate(
      {
        name,
        dueOn,
        scope: {
          ...(category ? { category } : {}),
          ...(environment ? { environment } : {}),
          ...(criticality ? { criticality } : {}),
        },
      },
      {
        onSuccess: (campaign) => {
          notifications.show({
            color: 'teal',
            message: `Review started with ${campaign.progress.total} assets`,
          });
          close();
          void navigate(`/reviews/${campaign.id}`);
        },
      },
    );
  }

  return (
    <Modal opened={opened} onClose={close} title="Start an inventory review" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={start.error} fields={FIELDS} />
          <TextInput
            label="Name"
            placeholder="Inventory review 2026 Q4"
            required
            value={values.name}
            onChange={(event) => setField('name', event.currentTarget.value)}
            error={errors.name}
          />
          <TextInput
            label="Due on"
            type="date"
            required
            value={values.dueOn}
            onChange={(event) => setField('dueOn', event.currentTarget.value)}
            error={errors.dueOn}
          />
          <Text size="sm" fw={500}>
            Scope
          </Text>
          <Text size="xs" c="dimmed" mt={-12}>
            Leave empty to review every asset still in use.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Category"
              placeholder="Any"
              clearable
              data={optionsOf(CATEGORY_LABELS)}
              value={values.category}
              onChange={(value) => setField('category', value)}
              error={errors['scope.category']}
            />
            <Select
              label="Environment"
              placeholder="Any"
              clearable
              data={optionsOf(ENVIRONMENT_LABELS)}
              value={values.environment}
              onChange={(value) => setField('environment', value)}
              error={errors['scope.environment']}
            />
            <Select
              label="Criticality"
              placeholder="Any"
              clearable
              data={optionsOf(CRITICALITY_LABELS)}
              value={values.criticality}
              onChange={(value) => setField('criticality', value)}
              error={errors['scope.criticality']}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={start.isPending}>
              Start review
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
