import { Button, Group, Paper, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useRaiseNonconformance } from '../../api/capas.js';
import { OWNER_ROLE_LABELS } from '../../components/labels.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { PageHeader } from '../../components/PageHeader.js';

const TEXTS = [
  ['description', 'What did not conform'],
  ['requirementNotMet', 'Requirement not met (clause, procedure, specification)'],
  ['containment', 'Containment (what was done to contain it)'],
  ['disposition', 'Disposition (what is done with what did not conform)'],
  ['impactAssessment', 'Impact assessment (what it could have affected, how far)'],
] as const;
const FIELDS = ['title', ...TEXTS.map(([field]) => field), 'owner', 'dueOn'] as const;

type Owner = keyof typeof OWNER_ROLE_LABELS;

/** A nonconformance raised by hand, with every field a quality system asks of one. */
export function RaiseNonconformancePage() {
  const navigate = useNavigate();
  const raise = useRaiseNonconformance();
  const { values, setField } = useFormValues({
    title: '',
    description: '',
    requirementNotMet: '',
    containment: '',
    disposition: '',
    impactAssessment: '',
    owner: 'quality' as Owner,
    dueOn: '',
  });
  const errors = fieldErrors(raise.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    raise.mutate(values, {
      onSuccess: (nonconformance) => {
        notifications.show({ message: `${nonconformance.number} raised` });
        void navigate('/nonconformances');
      },
    });
  }

  return (
    <>
      <PageHeader
        title="Raise a nonconformance"
        crumbs={[{ label: 'Nonconformances', to: '/nonconformances' }]}
      />
      <Paper withBorder p="lg" radius="md" maw={820}>
        <form onSubmit={submit} noValidate aria-label="Raise a nonconformance">
          <Stack gap="md">
            <FormError error={raise.error} fields={FIELDS} />
            <TextInput
              label="Title"
              required
              value={values.title}
              onChange={(event) => setField('title', event.currentTarget.value)}
              error={errors.title}
            />
            {TEXTS.map(([field, label]) => (
              <Textarea
                key={field}
                label={label}
                required
                autosize
                minRows={2}
                value={values[field]}
                onChange={(event) => setField(field, event.currentTarget.value)}
                error={errors[field]}
              />
            ))}
            <Group grow>
              <Select
                label="Owner"
                required
                allowDeselect={false}
                data={Object.entries(OWNER_ROLE_LABELS).map(([value, label]) => ({
                  value,
                  label,
                }))}
                value={values.owner}
                onChange={(value) => {
                  if (value) setField('owner', value as Owner);
                }}
                error={errors.owner}
              />
              <TextInput
                label="Due date"
                type="date"
                required
                value={values.dueOn}
                onChange={(event) => setField('dueOn', event.currentTarget.value)}
                error={errors.dueOn}
              />
            </Group>
            <Group justify="flex-end">
              <Button type="submit" loading={raise.isPending}>
                Raise nonconformance
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
