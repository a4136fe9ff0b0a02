import { Button, Group, Modal, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { occurrencesExportUrl } from '../../api/occurrence-export.js';
import type { OccurrenceView } from '../../api/types.js';
import { useBulkNotApplicable } from '../../api/work.js';
import type { EachOrNoneReport } from '../../api/work-types.js';
import { BulkRefusals } from '../../components/BulkRefusals.js';
import { ExportSelectedButton } from '../../components/ExportSelectedButton.js';
import { NotApplicableForm } from './NotApplicableDialog.js';

/**
 * The actions on the occurrences selected in a table: export them as CSV (anyone who reads them)
 * and, for those who may do the work, mark the open ones among them not applicable with one
 * justification, all or none. A refusal lists the rows refused and keeps the selection.
 */
export function OccurrenceSelectionBar({
  selected,
  markable,
  labelOf,
  onDone,
}: {
  selected: OccurrenceView[];
  /** The selected occurrences the caller may mark not applicable (none if they may not). */
  markable: OccurrenceView[];
  labelOf: (id: string) => string;
  /** Called once every markable occurrence was marked. */
  onDone: () => void;
}) {
  const mark = useBulkNotApplicable();
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState<EachOrNoneReport | null>(null);
  const submitLabel = `Mark ${markable.length} not applicable`;

  return (
    <Paper withBorder p="sm" mb="md" data-testid="occurrence-selection">
      <Group align="center">
        <Text size="sm" fw={500}>
          {selected.length} selected
        </Text>
        {markable.length > 0 ? (
          <Button variant="light" onClick={() => setOpen(true)}>
            {submitLabel}
          </Button>
        ) : null}
        <ExportSelectedButton
          href={occurrencesExportUrl(selected.map((row) => row.id))}
          count={selected.length}
        />
      </Group>
      <BulkRefusals report={report} labelOf={labelOf} />
      <Modal opened={open} onClose={() => setOpen(false)} title="Mark not applicable">
        <NotApplicableForm
          intro={`${markable.length} occurrences, one justification: auditors will read why they did not apply. If any of them can no longer be marked, none is.`}
          submitLabel={submitLabel}
          pending={mark.isPending}
          error={mark.error}
          onCancel={() => setOpen(false)}
          onSubmit={(justification) =>
            mark.mutate(
              { occurrenceIds: markable.map((row) => row.id), justification },
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
