import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useAssign } from '../../api/work.js';
import type { WorkRef } from '../../api/work-types.js';
import { useCan, useCurrentUser } from '../../auth/permissions.js';
import { FormError, fieldErrors } from '../../components/form.js';
import { Section } from '../../components/Section.js';
import { AssigneeSelect, NOBODY } from './AssigneeSelect.js';

/**
 * Who holds a piece of work now (an occurrence or a work order), and, while it is open and for
 * those who may, assigning, reassigning or unassigning it.
 */
export function AssignmentPanel({
  work,
  assignee: current,
  open,
}: {
  work: WorkRef;
  assignee: { id: string; name: string; email: string } | null;
  open: boolean;
}) {
  const can = useCan();
  const user = useCurrentUser();
  const assign = useAssign();
  const [chosen, setChosen] = useState<string | null>(current?.id ?? NOBODY);
  const editable = open && can('work:assign');
  const what = work.type === 'occurrence' ? 'Occurrence' : 'Work order';
  const assigneeId = chosen === NOBODY ? null : chosen;

  function save(to: string | null) {
    assign.mutate(
      { ref: work, assigneeId: to },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: to === null ? `${what} unassigned` : `${what} assigned`,
          }),
      },
    );
  }

  return (
    <Section title="Assigned to">
      <Stack gap="sm" data-testid="assignment">
        <Text size="sm" data-testid="assignee">
          {current ? `${current.name} (${current.email})` : 'Nobody: the owner role holds it.'}
        </Text>
        {editable ? (
          <>
            <FormError error={assign.error} fields={['assigneeId']} />
            <Group align="flex-end">
              <AssigneeSelect
                label="Assign to"
                value={chosen}
                onChange={setChosen}
                error={fieldErrors(assign.error).assigneeId}
              />
              <Button
                onClick={() => save(assigneeId)}
                loading={assign.isPending}
                disabled={chosen === null || assigneeId === (current?.id ?? null)}
              >
                Save
              </Button>
              {current?.id !== user.id ? (
                <Button variant="light" onClick={() => save(user.id)} loading={assign.isPending}>
                  Take it
                </Button>
              ) : null}
            </Group>
          </>
        ) : null}
      </Stack>
    </Section>
  );
}
