import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Detail {
  label: string;
  value: ReactNode;
  /** Long text spans the whole row. */
  wide?: boolean;
}

/**
 * Label-over-value pairs for a record's fields. Columns follow the grid's own width, not the
 * window's, so a grid in a side column keeps one column and long e-mails wrap instead of spilling.
 */
export function DetailGrid({ details }: { details: Detail[] }) {
  return (
    <SimpleGrid
      type="container"
      cols={{ base: 1, '420px': 2, '660px': 3 }}
      spacing="lg"
      verticalSpacing="md"
    >
      {details.map((detail) => (
        <Stack
          key={detail.label}
          gap={2}
          miw={0}
          style={detail.wide ? { gridColumn: '1 / -1' } : undefined}
        >
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            {detail.label}
          </Text>
          <Text
            size="sm"
            component="div"
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          >
            {detail.value === '' || detail.value === null || detail.value === undefined
              ? '—'
              : detail.value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
