import { Group, Progress, Text } from '@mantine/core';
import type { ReviewCampaignView } from '../../api/types.js';

/** Confirmed and corrected shares of a campaign, with the count answered. */
export function ReviewProgress({ progress }: { progress: ReviewCampaignView['progress'] }) {
  const share = (count: number) => (progress.total === 0 ? 0 : (count / progress.total) * 100);
  const answered = progress.confirmed + progress.corrected;
  return (
    <Group gap="sm" wrap="nowrap">
      <Progress.Root size="lg" style={{ flex: 1 }} miw={120} aria-label="Review progress">
        <Progress.Section value={share(progress.confirmed)} color="teal" />
        <Progress.Section value={share(progress.corrected)} color="blue" />
      </Progress.Root>
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        {answered} / {progress.total}
      </Text>
    </Group>
  );
}
