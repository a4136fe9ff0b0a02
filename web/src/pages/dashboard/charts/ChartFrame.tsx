import { Group, Stack, Table, Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/** One line or one set of bars: its name, its colour and one value per category (null: none). */
export interface ChartSeries {
  name: string;
  color: string;
  values: (number | null)[];
}

/**
 * A chart with what every chart needs besides its drawing: a caption, a legend and the same
 * figures as a table for screen readers and for anyone who wants the numbers (under "Show as
 * table"). Hand-written SVG: see docs/decisions.md (dashboard charts) for why no chart library.
 */
export function ChartFrame({
  title,
  description,
  categoryHeading,
  categories,
  series,
  format,
  testId,
  children,
}: {
  title: string;
  description: string;
  categoryHeading: string;
  categories: string[];
  series: ChartSeries[];
  format: (value: number) => string;
  testId: string;
  children: (labelledBy: string) => ReactNode;
}) {
  const titleId = useId();
  return (
    <figure data-testid={testId} style={{ margin: 0 }}>
      <Stack gap="xs">
        <Text id={titleId} fw={600} size="sm" component="figcaption">
          {title}
          <Text span size="xs" c="dimmed" display="block" fw={400}>
            {description}
          </Text>
        </Text>
        {children(titleId)}
        <Group gap="md" aria-hidden="true">
          {series.map((item) => (
            <Group key={item.name} gap={6} wrap="nowrap">
              <span
                style={{
                  display: 'inline-block',
                  width: 12,
                  height: 12,
                  borderRadius: 2,
                  background: item.color,
                }}
              />
              <Text size="xs">{item.name}</Text>
            </Group>
          ))}
        </Group>
        <details>
          <summary>
            <Text span size="xs">
              Show as table
            </Text>
          </summary>
          <Table.ScrollContainer minWidth={320}>
            <Table fz="xs" aria-label={title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{categoryHeading}</Table.Th>
                  {series.map((item) => (
                    <Table.Th key={item.name}>{item.name}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {categories.map((category, index) => (
                  <Table.Tr key={category}>
                    <Table.Td>{category}</Table.Td>
                    {series.map((item) => {
                      const value = item.values[index];
                      return (
                        <Table.Td key={item.name}>
                          {value === null || value === undefined ? '—' : format(value)}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </details>
      </Stack>
    </figure>
  );
}

/** Round axis steps: the smallest of 1, 2, 5 × 10^n that splits `max` into at most 4 steps. */
export function axisTicks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ??
    10 * magnitude;
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) ticks.push(value);
  return ticks;
}
