import { Group, Text } from '@mantine/core';

/** The plumb bob mark and the product name. */
export function Logo() {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true">
        <path d="M16 2v9" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        <path d="M9 13h14l-7 16z" fill="var(--mantine-color-blue-6)" />
      </svg>
      <Text fw={700} size="lg">
        Plumbline
      </Text>
    </Group>
  );
}
