import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A calm message where a list or page has nothing to show. */
export function EmptyMessage({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack gap={4} align="center">
        <Title order={4}>{title}</Title>
        {children ? (
          <Text c="dimmed" ta="center" size="sm">
            {children}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
