import { Button, Checkbox, Group, Paper, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useRecordRestoreTest } from '../../api/recovery.js';
import { FormError, fieldErrors, useFormValues } from '../../components/form.js';
import { PageHeader } from '../../components/PageHeader.js';

const FIELDS = [
  'asset',
  'backupRunId',
  'startedAt',
  'finishedAt',
  'recoveryPointAt',
  'integrityChecks',
  'notes',
] as const;

/** A local date-time input value as an ISO instant, or undefined when empty. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** Record a restore test you performed; the server judges it against the asset's targets. */
export function RestoreTestFormPage() {
  const navigate = useNavigate();
  const record = useRecordRestoreTest();
  const { values, setField } = useFormValues({
    asset: '',
    backupRunId: '',
    startedAt: '',
    finishedAt: '',
    recoveryPointAt: '',
    notes: '',
  });
  const [checks, setChecks] = useState([{ check: '', passed: true, note: '' }]);
  const errors = fieldErrors(record.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    record.mutate(
      {
        asset: values.asset,
        ...(values.backupRunId ? { backupRunId: values.backupRunId } : {}),
        startedAt: toIso(values.startedAt) ?? '',
        finishedAt: toIso(values.finishedAt) ?? '',
        ...(values.recoveryPointAt ? { recoveryPointAt: toIso(values.recoveryPointAt) } : {}),
        integrityChecks: checks.filter((check) => check.check.trim() !== ''),
        notes: values.notes,
      },
      {
        onSuccess: (test) => {
          notifications.show({ message: `${test.number} recorded: ${test.outcome}` });
          void navigate(`/restore-tests/${test.id}`);
        },
      },
    );
  }

  return (
    <>
      <PageHeader
        title="Record a restore test"
        crumbs={[{ label: 'Restore tests', to: '/restore-tests' }]}
      />
      <Paper withBorder p="lg" radius="md" maw={760}>
        <form onSubmit={submit} noValidate aria-label="Record a restore test">
          <Stack gap="md">
            <FormError error={record.error} fields={FIELDS} />
            <TextInput
              label="Asset key"
              required
              value={values.asset}
              onChange={(event) => setField('asset', event.currentTarget.value)}
              error={errors.asset}
            />
            <TextInput
              label="Backup run id"
              description="The run restored; its recovery point is used unless you give one"
              value={values.backupRunId}
              onChange={(event) => setField('backupRunId', event.currentTarget.value)}
              error={errors.backupRunId}
            />
            <Group grow>
              <TextInput
                type="datetime-local"
                label="Restore started"
                required
                value={values.startedAt}
                onChange={(event) => setField('startedAt', event.currentTarget.value)}
                error={errors.startedAt}
              />
              <TextInput
                type="datetime-local"
                label="Restore finished"
                required
                value={values.finishedAt}
                onChange={(event) => setField('finishedAt', event.currentTarget.value)}
                error={errors.finishedAt}
              />
            </Group>
            <TextInput
              type="datetime-local"
              label="Recovery point"
              description="The instant the restored data represents"
              value={values.recoveryPointAt}
              onChange={(event) => setField('recoveryPointAt', event.currentTarget.value)}
              error={errors.recoveryPointAt}
            />
            {checks.map((check, index) => (
              <Group key={index} align="flex-end">
                <TextInput
                  label={`Integrity check ${index + 1}`}
                  value={check.check}
                  style={{ flex: 2 }}
                  onChange={(event) => {
                    const text = event.currentTarget.value;
                    setChecks((all) =>
                      all.map((c, i) => (i === index ? { ...c, check: text } : c)),
                    );
                  }}
                  error={index === 0 ? errors.integrityChecks : undefined}
                />
                <TextInput
                  label="Note"
                  value={check.note}
                  style={{ flex: 2 }}
                  onChange={(event) => {
                    const text = event.currentTarget.value;
                    setChecks((all) => all.map((c, i) => (i === index ? { ...c, note: text } : c)));
                  }}
                />
                <Checkbox
                  label="Passed"
                  mb={8}
                  checked={check.passed}
                  onChange={(event) => {
                    const passed = event.currentTarget.checked;
                    setChecks((all) => all.map((c, i) => (i === index ? { ...c, passed } : c)));
                  }}
                />
              </Group>
            ))}
            <Group>
              <Button
                variant="subtle"
                onClick={() => setChecks((all) => [...all, { check: '', passed: true, note: '' }])}
              >
                Add a check
              </Button>
            </Group>
            <Textarea
              label="Notes"
              autosize
              minRows={2}
              value={values.notes}
              onChange={(event) => setField('notes', event.currentTarget.value)}
              error={errors.notes}
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
