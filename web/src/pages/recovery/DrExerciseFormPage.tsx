import { Button, Group, Paper, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useRecordDrExercise } from '../../api/recovery.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { PageHeader } from '../../components/PageHeader.js';

const FIELDS = [
  'type',
  'scenario',
  'startedAt',
  'finishedAt',
  'participants',
  'timeline',
  'recoveryMeasurements',
  'outcome',
  'deficiencies',
  'summary',
] as const;

const toIso = (local: string) => (local ? new Date(local).toISOString() : '');

/** Non-empty lines split on "|" into trimmed cells. */
const rows = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.split('|').map((cell) => cell.trim()));

/**
 * Record a DR exercise. Lists are one entry per line with cells separated by "|", so a whole
 * exercise report can be pasted.
 */
export function DrExerciseFormPage() {
  const navigate = useNavigate();
  const record = useRecordDrExercise();
  const { values, setField } = useFormValues({
    type: 'tabletop',
    scenario: '',
    startedAt: '',
    finishedAt: '',
    participants: '',
    timeline: '',
    measurements: '',
    outcome: 'passed',
    deficiencies: '',
    summary: '',
  });
  const errors = fieldErrors(record.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    record.mutate(
      {
        type: values.type === 'live-failover' ? 'live-failover' : 'tabletop',
        scenario: values.scenario,
        startedAt: toIso(values.startedAt),
        finishedAt: toIso(values.finishedAt),
        participants: rows(values.participants).map(([name = '', role = '']) => ({ name, role })),
        timeline: rows(values.timeline).map(([at = '', description = '']) => ({
          at: toIso(at),
          description,
        })),
        recoveryMeasurements: rows(values.measurements).map(
          ([subject = '', measured = '', targetRto]) => ({
            ...(targetRto ? { service: subject, targetRto } : { asset: subject }),
            measured,
          }),
        ),
        outcome:
          values.outcome === 'failed'
            ? 'failed'
            : values.outcome === 'passed-with-deficiencies'
              ? 'passed-with-deficiencies'
              : 'passed',
        deficiencies: rows(values.deficiencies).map(([title = '', ownerUserId = '', dueOn]) => ({
          title,
          ownerUserId,
          ...(dueOn ? { dueOn } : {}),
        })),
        summary: values.summary,
      },
      {
        onSuccess: (exercise) => {
          notifications.show({ message: `${exercise.number} recorded` });
          void navigate(`/dr-exercises/${exercise.id}`);
        },
      },
    );
  }

  return (
    <>
      <PageHeader
        title="Record a DR exercise"
        crumbs={[{ label: 'DR exercises', to: '/dr-exercises' }]}
      />
      <Paper withBorder p="lg" radius="md" maw={820}>
        <form onSubmit={submit} noValidate aria-label="Record a DR exercise">
          <Stack gap="md">
            <FormError error={record.error} fields={FIELDS} />
            <Group grow>
              <Select
                label="Type"
                allowDeselect={false}
                data={[
                  { value: 'tabletop', label: 'Tabletop' },
                  { value: 'live-failover', label: 'Live failover' },
                ]}
                value={values.type}
                onChange={(value) => setField('type', value ?? 'tabletop')}
              />
              <Select
                label="Outcome"
                allowDeselect={false}
                data={[
                  { value: 'passed', label: 'Passed' },
                  { value: 'passed-with-deficiencies', label: 'Passed with deficiencies' },
                  { value: 'failed', label: 'Failed' },
                ]}
                value={values.outcome}
                onChange={(value) => setField('outcome', value ?? 'passed')}
                error={errors.outcome}
              />
            </Group>
            <Textarea
              label="Scenario"
              required
              autosize
              minRows={2}
              value={values.scenario}
              onChange={(event) => setField('scenario', event.currentTarget.value)}
              error={errors.scenario}
            />
            <Group grow>
              <TextInput
                type="datetime-local"
                label="Started"
                required
                value={values.startedAt}
                onChange={(event) => setField('startedAt', event.currentTarget.value)}
                error={errors.startedAt}
              />
              <TextInput
                type="datetime-local"
                label="Finished"
                required
                value={values.finishedAt}
                onChange={(event) => setField('finishedAt', event.currentTarget.value)}
                error={errors.finishedAt}
              />
            </Group>
            <Textarea
              label="Participants"
              description="One per line: name | role"
              autosize
              minRows={2}
              value={values.participants}
              onChange={(event) => setField('participants', event.currentTarget.value)}
              error={errors.participants}
            />
            <Textarea
              label="Timeline"
              description="One per line: 2026-05-19T08:40 | what happened"
              autosize
              minRows={2}
              value={values.timeline}
              onChange={(event) => setField('timeline', event.currentTarget.value)}
              error={errors.timeline}
            />
            <Textarea
              label="Recovery times"
              description="One per line: asset key | PT3H10M, or service name | PT2H30M | target PT2H"
              autosize
              minRows={2}
              value={values.measurements}
              onChange={(event) => setField('measurements', event.currentTarget.value)}
              error={errors.recoveryMeasurements}
            />
            <Textarea
              label="Deficiencies"
              description="One per line: title | owner user id | due date (YYYY-MM-DD, optional)"
              autosize
              minRows={2}
              value={values.deficiencies}
              onChange={(event) => setField('deficiencies', event.currentTarget.value)}
              error={errors.deficiencies}
            />
            <Textarea
              label="Summary"
              autosize
              minRows={3}
              value={values.summary}
              onChange={(event) => setField('summary', event.currentTarget.value)}
              error={errors.summary}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={record.isPending}>
                Record
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
