import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { OwnerRole } from '../../api/types.js';
import { useColleagues, type NonconformanceTriage } from '../../api/work.js';
import { NONCONFORMANCE_STATUSES, type NonconformanceStatus } from '../../api/work-types.js';
import { FormError, fieldErrors } from '../../components/form.js';
import { OWNER_ROLE_LABELS } from '../../components/labels.js';
import { NONCONFORMANCE_STATUS_LABELS } from './nonconformance-labels.js';

/**
 * What to set on every selected nonconformance: a status, an owner role, an owner person, a due
 * date; fields left empty are not changed.
 */
export function TriageDialog({
  count,
  pending,
  error,
  onSubmit,
  onClose,
}: {
  count: number;
  pending: boolean;
  error: Error | null;
  onSubmit: (triage: NonconformanceTriage) => void;
  onClose: () => void;
}) {
  const colleagues = useColleagues();
  const [status, setStatus] = useState<NonconformanceStatus | null>(null);
  const [owner, setOwner] = useState<OwnerRole | null>(null);
  const [ownerUserId, setOwnerUserId] = useState<string | null>(null);
  const [dueOn, setDueOn] = useState('');
  const triage: NonconformanceTriage = {
    ...(status ? { status } : {}),
    ...(owner ? { owner } : {}),
    ...(ownerUserId ? { ownerUserId } : {}),
    ...(dueOn ? { dueOn } : {}),
  };
  const nothingSet = Object.keys(triage).length === 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(triage);
  }

  return (
    <Modal opened onClose={onClose} title={`Triage ${count} nonconformances`}>
      <form onSubmit={submit} noValidate aria-label="Triage selected nonconformances">
        <Stack gap="md">
          <Text size="sm">
            What you set here is set on every selected nonconformance; what you leave empty stays as
            it is. If any of them cannot take the change, none changes.
          </Text>
          <FormError error={error} fields={['status', 'owner', 'ownerUserId', 'dueOn']} />
          <Select
            label="Status"
            placeholder="Unchanged"
            clearable
            data={NONCONFORMANCE_STATUSES.map((value) => ({
              value,
              label: NONCONFORMANCE_STATUS_LABELS[value],
            }))}
            value={status}
            onChange={setStatus}
            error={fieldErrors(error).status}
          />
          <Select
            label="Owner role"
            placeholder="Unchanged"
            clearable
            data={Object.entries(OWNER_ROLE_LABELS).map(([value, label]) => ({ value, label }))}
            value={owner}
            onChange={(value) => setOwner(value as OwnerRole | null)}
            error={fieldErrors(error).owner}
          />
          <Select
            label="Owner person"
            placeholder="Unchanged"
            clearable
            searchable
            data={(colleagues.data ?? []).map((person) => ({
              value: person.id,
              label: `${person.name} (${person.email})`,
            }))}
            value={ownerUserId}
            onChange={setOwnerUserId}
            error={fieldErrors(error).ownerUserId}
          />
          <TextInput
            label="Due date"
            type="date"
            value={dueOn}
            onChange={(event) => setDueOn(event.currentTarget.value)}
            error={fieldErrors(error).dueOn}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={nothingSet}>
              Triage {count}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
