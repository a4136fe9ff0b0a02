import { Anchor, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** One headline number with what it counts and where to see the detail. */
export function StatCard({
  label,
  value,
  to,
  hint,
  color,
}: {
  label: string;
  value: ReactNode;
  to: string;
  hint?: ReactNode;
  color?: string;
}) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap={4}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {label}
        </Text>
        <Anchor component={Link} to={to} underline="never">
          <Text fz={32} fw={700} c={color ?? 'var(--mantine-color-text)'} lh={1.1}>
            {value}
          </Text>
        </Anchor>
        {hint ? (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
