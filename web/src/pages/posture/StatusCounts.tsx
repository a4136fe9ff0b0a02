import { Group, Stack, Text } from '@mantine/core';
import { POSTURE_STATUSES, type PostureCounts } from '../../api/work-types.js';
import { POSTURE_STATUS_COLORS, POSTURE_STATUS_LABELS } from '../../components/labels.js';

/** One number per status, worst first; zeros are dimmed. */
export function StatusCounts({ counts }: { counts: PostureCounts }) {
  return (
    <Group gap="md">
      {POSTURE_STATUSES.map((status) => (
        <Stack key={status} gap={0} align="center">
          <Text
            fw={700}
            size="lg"
            c={counts[status] > 0 ? POSTURE_STATUS_COLORS[status] : 'dimmed'}
          >
            {counts[status]}
          </Text>
          <Text size="xs" c="dimmed">
            {POSTURE_STATUS_LABELS[status]}
          </Text>
        </Stack>
      ))}
    </Group>
  );
}
