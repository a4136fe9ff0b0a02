import { Group, Stack, Text } from '@mantine/core';
import type { FieldChange } from './audit-diff.js';
import { describeField } from './audit-diff.js';
import { formatValue } from './format.js';

/** Before → after, one line per changed field. */
export function ChangeList({ changes }: { changes: FieldChange[] }) {
  return (
    <Stack gap={4}>
      {changes.map((change) => (
        <Group key={change.field} gap={6} wrap="wrap" align="baseline">
          <Text size="sm" fw={600}>
            {describeField(change.field)}:
          </Text>
          <Text size="sm" c="red.8" td="line-through">
            {formatValue(change.before)}
          </Text>
          <Text size="sm" c="dimmed">
            →
          </Text>
          <Text size="sm" c="teal.8">
            {formatValue(change.after)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
