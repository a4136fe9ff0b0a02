import {
  Button,
  Group,
  MultiSelect,
  Paper,
  SegmentedControl,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useOpenCapa } from '../../api/capas.js';
import { useNonconformances } from '../../api/work.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { todayIsoDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';

const FIELDS = [
  'title',
  'kind',
  'nonconformanceIds',
  'effectivenessCheckOn',
  'effectivenessCriteria',
] as const;

/** Opens a CAPA for one or more nonconformances, with its effectiveness check planned. */
export function OpenCapaPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const open = useOpenCapa();
  const nonconformances = useNonconformances({ deficiency: false });
  const { values, setField } = useFormValues({
    title: '',
    kind: 'corrective' as 'corrective' | 'preventive',
    nonconformanceIds: params.getAll('nonconformance'),
    effectivenessCheckOn: todayIsoDate(),
    effectivenessCriteria: '',
  });
  const errors = fieldErrors(open.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    open.mutate(values, {
      onSuccess: (capa) => {
        notifications.show({ message: `${capa.number} opened` });
        void navigate(`/capas/${capa.id}`);
      },
    });
  }

  return (
    <>
      <PageHeader title="Open a CAPA" crumbs={[{ label: 'CAPAs', to: '/capas' }]} />
      <Paper withBorder p="lg" radius="md" maw={820}>
        <form onSubmit={submit} noValidate aria-label="Open a CAPA">
          <Stack gap="md">
            <FormError error={open.error} fields={FIELDS} />
            <SegmentedControl
              value={values.kind}
              onChange={(value) => setField('kind', value)}
              data={[
                { value: 'corrective', label: 'Corrective' },
                { value: 'preventive', label: 'Preventive' },
              ]}
            />
            <TextInput
              label="Title"
              required
              value={values.title}
              onChange={(event) => setField('title', event.currentTarget.value)}
              error={errors.title}
            />
            <MultiSelect
              label="Nonconformances it answers"
              required
              searchable
              data={(nonconformances.data ?? [])
                .filter((nc) => nc.status !== 'closed' || values.nonconformanceIds.includes(nc.id))
                .map((nc) => ({ value: nc.id, label: `${nc.number} · ${nc.title}` }))}
              value={values.nonconformanceIds}
              onChange={(value) => setField('nonconformanceIds', value)}
              error={errors.nonconformanceIds}
            />
            <TextInput
              label="Effectiveness check planned on"
              type="date"
              required
              value={values.effectivenessCheckOn}
              onChange={(event) => setField('effectivenessCheckOn', event.currentTarget.value)}
              error={errors.effectivenessCheckOn}
            />
            <Textarea
              label="How effectiveness will be judged"
              required
              autosize
              minRows={2}
              value={values.effectivenessCriteria}
              onChange={(event) => setField('effectivenessCriteria', event.currentTarget.value)}
              error={errors.effectivenessCriteria}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={open.isPending}>
                Open CAPA
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
