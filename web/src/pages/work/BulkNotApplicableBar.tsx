import { Button, Group, Modal, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { OccurrenceView } from '../../api/types.js';
import { useBulkNotApplicable } from '../../api/work.js';
import type { EachOrNoneReport } from '../../api/work-types.js';
import { BulkRefusals } from '../../components/BulkRefusals.js';
import { FormError, fieldErrors } from '../../components/form.js';

/**
 * The bulk action of the occurrences selected in a table: mark them all not applicable with one
 * justification, all or none. A refusal lists the rows refused and keeps the selection.
 */
export function BulkNotApplicableBar({
  selected,
  labelOf,
  onDone,
}: {
  selected: OccurrenceView[];
  labelOf: (id: string) => string;
  /** Called once every selected occurrence was marked. */
  onDone: () => void;
}) {
  const mark = useBulkNotApplicable();
  const [open, setOpen] = useState(false);
  const [justification, setJustification] = useState('');
  const [report, setReport] = useState<EachOrNoneReport | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    mark.mutate(
      { occurrenceIds: selected.map((row) => row.id), justification: justification.trim() },
      {
        onSuccess: (answer) => {
          setReport(answer);
          setOpen(false);
          if (answer.applied) {
            notifications.show({
              message: `${answer.counts.done} marked not applicable`,
            });
            setJustification('');
            onDone();
          }
        },
      },
    );
  }

  return (
    <Paper withBorder p="sm" mb="md" data-testid="bulk-not-applicable-bar">
      <Group align="center">
        <Text size="sm" fw={500}>
          {selected.length} selected
        </Text>
        <Button variant="light" onClick={() => setOpen(true)} disabled={selected.length === 0}>
          Mark {selected.length} not applicable
        </Button>
      </Group>
      <BulkRefusals report={report} labelOf={labelOf} />
      <Modal opened={open} onClose={() => setOpen(false)} title="Mark not applicable">
        <form onSubmit={submit} noValidate aria-label="Mark selected not applicable">
          <Stack gap="md">
            <Text size="sm">
              {selected.length} occurrences, one justification: auditors will read why they did not
              apply. If any of them can no longer be marked, none is.
            </Text>
            <FormError error={mark.error} fields={['justification']} />
            <Textarea
              label="Justification"
              required
              autosize
              minRows={3}
              value={justification}
              onChange={(event) => setJustification(event.currentTarget.value)}
              error={fieldErrors(mark.error).justification}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={mark.isPending}>
                Mark {selected.length} not applicable
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
