import { Checkbox, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useSetChecklistItem } from '../../api/work.js';
import type { ChecklistItemView } from '../../api/work-types.js';
import { formatDateTime } from '../../components/format.js';
import { Section } from '../../components/Section.js';

export function ChecklistPanel({
  workOrderId,
  items,
  editable,
}: {
  workOrderId: string;
  items: ChecklistItemView[];
  editable: boolean;
}) {
  const setItem = useSetChecklistItem(workOrderId);
  const done = items.filter((item) => item.done).length;
  return (
    <Section
      title="Checklist"
      actions={
        <Text size="sm" c="dimmed">
          {done} of {items.length} done
        </Text>
      }
    >
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          This work order has no checklist.
        </Text>
      ) : (
        <Stack gap="sm" data-testid="checklist">
          {[...items]
            .sort((a, b) => a.position - b.position)
            .map((item) => (
              <Checkbox
                key={item.id}
                label={item.text}
                checked={item.done}
                disabled={!editable}
                description={
                  item.done && item.doneBy
                    ? `Done by ${item.doneBy} · ${formatDateTime(item.doneAt)}`
                    : undefined
                }
                onChange={(event) =>
                  setItem.mutate(
                    { itemId: item.id, done: event.currentTarget.checked },
                    {
                      onError: (error) =>
                        notifications.show({ color: 'red', message: error.message }),
                    },
                  )
                }
              />
            ))}
        </Stack>
      )}
    </Section>
  );
}
