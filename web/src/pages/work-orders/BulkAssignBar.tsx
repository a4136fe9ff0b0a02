import { Alert, Button, Group, List, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useBulkAssign } from '../../api/work.js';
import type { BulkAssignResponse, WorkRef } from '../../api/work-types.js';
import { FormError, fieldErrors } from '../../components/form.js';
import { AssigneeSelect, NOBODY } from './AssigneeSelect.js';

/**
 * The bulk action of a list with selected rows: assign them all to one person (or unassign them)
 * in one request; the answer's refused rows are listed with their reasons and stay selected.
 */
export function BulkAssignBar({
  selected,
  labelOf,
  onDone,
}: {
  selected: WorkRef[];
  /** How the refusal list names a row. */
  labelOf: (ref: WorkRef) => string;
  /** Called with the rows that were refused, which stay selected. */
  onDone: (refused: WorkRef[]) => void;
}) {
  const bulk = useBulkAssign();
  const [chosen, setChosen] = useState<string | null>(null);
  const [report, setReport] = useState<BulkAssignResponse | null>(null);

  function submit() {
    if (chosen === null) return;
    bulk.mutate(
      { items: selected, assigneeId: chosen === NOBODY ? null : chosen },
      {
        onSuccess: (answer) => {
          setReport(answer);
          const { assigned, unassigned, unchanged, refused } = answer.counts;
          notifications.show({
            color: refused > 0 ? 'orange' : 'teal',
            message: `${assigned + unassigned} changed, ${unchanged} already so, ${refused} refused`,
          });
          onDone(
            answer.results
              .filter((row) => row.outcome === 'refused')
              .map((row) => ({ type: row.type, id: row.id })),
          );
        },
      },
    );
  }

  const refused = report?.results.filter((row) => row.outcome === 'refused') ?? [];
  return (
    <Paper withBorder p="sm" mb="md" data-testid="bulk-bar">
      <Group align="flex-end">
        <Text size="sm" fw={500} mb={8}>
          {selected.length} selected
        </Text>
        <AssigneeSelect
          label="Assign selected to"
          value={chosen}
          onChange={setChosen}
          error={fieldErrors(bulk.error).assigneeId}
        />
        <Button
          onClick={submit}
          loading={bulk.isPending}
          disabled={chosen === null || selected.length === 0}
        >
          Assign {selected.length}
        </Button>
      </Group>
      <FormError error={bulk.error} fields={['assigneeId']} />
      {refused.length > 0 ? (
        <Alert
          color="orange"
          mt="sm"
          title={`${refused.length} not assigned`}
          data-testid="bulk-refused"
        >
          <List size="sm">
            {refused.map((row, index) => (
              <List.Item key={`${row.id}-${index}`}>
                {labelOf(row)}: {row.reason}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </Paper>
  );
}
