import { Group, Stack, Table, Text } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/** One line or one set of bars: its name, its colour and one value per category (null: none). */
export interface ChartSeries {
  name: string;
  color: string;
  values: (number | null)[];
}

/** What every chart is given: its caption, its categories and series, and how values read. */
export interface ChartProps {
  title: string;
  description: string;
  categoryHeading: string;
  categories: string[];
  series: ChartSeries[];
  format: (value: number) => string;
  testId: string;
}

/**
 * A chart with what every chart needs besides its drawing: a caption, the SVG canvas labelled by
 * it, a legend and the same figures as a table for screen readers and for anyone who wants the
 * numbers (under "Show as table"). Hand-written SVG: see docs/decisions.md (dashboard charts) for
 * why no chart library.
 */
export function ChartFrame({
  title,
  description,
  categoryHeading,
  categories,
  series,
  format,
  testId,
  width,
  height,
  maxHeight,
  children,
}: ChartProps & {
  /** The drawing's coordinate space (its viewBox); it scales to the width it is given. */
  width: number;
  height: number;
  maxHeight?: number;
  children: ReactNode;
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
        <svg
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          role="img"
          aria-labelledby={titleId}
          style={{ maxHeight, overflow: 'visible' }}
        >
          {children}
        </svg>
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

/** The ticks of a value axis for these series: to `max` when given, else to the largest value. */
export function valueTicks(series: ChartSeries[], max: number | undefined) {
  const largest = Math.max(0, ...series.flatMap((item) => item.values.map((value) => value ?? 0)));
  return { largest, ticks: axisTicks(max ?? largest) };
}

/**
 * The value axis of a chart: a grid line and a label at each tick up to `end`. Values run left to
 * right (`horizontal`, labels below the plot) or bottom to top (`vertical`, labels on its left).
 */
export function ValueAxis({
  direction,
  ticks,
  end,
  position,
  across,
  labelAt,
  format,
}: {
  direction: 'horizontal' | 'vertical';
  ticks: number[];
  end: number;
  /** Where a value stands along the axis. */
  position: (value: number) => number;
  /** Where each grid line starts and ends across the plot. */
  across: [number, number];
  /** Where the labels stand across the plot. */
  labelAt: number;
  format: (value: number) => string;
}) {
  const horizontal = direction === 'horizontal';
  return ticks
    .filter((tick) => tick <= end)
    .map((tick) => {
      const at = position(tick);
      return (
        <g key={tick}>
          <line
            x1={horizontal ? at : across[0]}
            x2={horizontal ? at : across[1]}
            y1={horizontal ? across[0] : at}
            y2={horizontal ? across[1] : at}
            stroke="var(--mantine-color-gray-3)"
          />
          <text
            x={horizontal ? at : labelAt}
            y={horizontal ? labelAt : at}
            textAnchor={horizontal ? 'middle' : 'end'}
            dominantBaseline={horizontal ? undefined : 'middle'}
            fontSize={11}
            fill="var(--mantine-color-gray-7)"
          >
            {format(tick)}
          </text>
        </g>
      );
    });
}
