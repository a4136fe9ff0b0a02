import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Detail {
  label: string;
  value: ReactNode;
  /** Long text spans the whole row. */
  wide?: boolean;
}

/** Label-over-value pairs for a record's fields. */
export function DetailGrid({ details }: { details: Detail[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg" verticalSpacing="md">
      {details.map((detail) => (
        <Stack
          key={detail.label}
          gap={2}
          style={detail.wide ? { gridColumn: '1 / -1' } : undefined}
        >
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {detail.label}
          </Text>
          <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap' }}>
            {detail.value === '' || detail.value === null || detail.value === undefined
              ? '—'
              : detail.value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
