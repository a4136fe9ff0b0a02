import { Button, Group, Modal, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { OccurrenceView } from '../../api/types.js';
import { useBulkNotApplicable } from '../../api/work.js';
import type { EachOrNoneReport } from '../../api/work-types.js';
import { BulkRefusals } from '../../components/BulkRefusals.js';
import { NotApplicableForm } from './NotApplicableDialog.js';

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
  const [report, setReport] = useState<EachOrNoneReport | null>(null);
  const submitLabel = `Mark ${selected.length} not applicable`;

  return (
    <Paper withBorder p="sm" mb="md" data-testid="bulk-not-applicable-bar">
      <Group align="center">
        <Text size="sm" fw={500}>
          {selected.length} selected
        </Text>
        <Button variant="light" onClick={() => setOpen(true)} disabled={selected.length === 0}>
          {submitLabel}
        </Button>
      </Group>
      <BulkRefusals report={report} labelOf={labelOf} />
      <Modal opened={open} onClose={() => setOpen(false)} title="Mark not applicable">
        <NotApplicableForm
          intro={`${selected.length} occurrences, one justification: auditors will read why they did not apply. If any of them can no longer be marked, none is.`}
          submitLabel={submitLabel}
          pending={mark.isPending}
          error={mark.error}
          onCancel={() => setOpen(false)}
          onSubmit={(justification) =>
            mark.mutate(
              { occurrenceIds: selected.map((row) => row.id), justification },
              {
                onSuccess: (answer) => {
                  setReport(answer);
                  setOpen(false);
                  if (answer.applied) {
                    notifications.show({ message: `${answer.counts.done} marked not applicable` });
                    onDone();
                  }
                },
              },
            )
          }
        />
      </Modal>
    </Paper>
  );
}
