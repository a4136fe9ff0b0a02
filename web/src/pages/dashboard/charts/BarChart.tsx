import { ChartFrame, ValueAxis, valueTicks, type ChartProps } from './ChartFrame.js';

const WIDTH = 640;
const BAR = 12;
const GAP = 10;
const PAD = { top: 8, right: 16, bottom: 24, left: 150 };

/** Longer category names are cut on the axis; the table and each bar's title carry them whole. */
function axisLabel(category: string): string {
  return category.length > 22 ? `${category.slice(0, 21)}…` : category;
}

/**
 * Horizontal bars, one group per category (an asset, an age band) with one bar per series, drawn
 * as SVG. `max` fixes the end of the axis (100 for percentages).
 */
export function BarChart({ max, ...chart }: ChartProps & { max?: number }) {
  const { categories, series, format } = chart;
  const { largest, ticks } = valueTicks(series, max);
  const end = Math.max(max ?? ticks.at(-1) ?? 1, largest);
  const groupHeight = series.length * BAR + GAP;
  const height = PAD.top + categories.length * groupHeight + PAD.bottom;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const x = (value: number) => PAD.left + (value / (end || 1)) * plotWidth;
  return (
    <ChartFrame {...chart} width={WIDTH} height={height}>
      <ValueAxis
        direction="horizontal"
        ticks={ticks}
        end={end}
        position={x}
        across={[PAD.top, height - PAD.bottom]}
        labelAt={height - 8}
        format={format}
      />
      {categories.map((category, index) => (
        <text
          key={category}
          x={PAD.left - 8}
          y={PAD.top + index * groupHeight + (series.length * BAR) / 2}
          textAnchor="end"
          dominantBaseline="middle"
          fontSize={11}
          fill="var(--mantine-color-gray-8)"
        >
          {axisLabel(category)}
        </text>
      ))}
      {series.map((item, seriesIndex) => (
        <g key={item.name} data-series={item.name}>
          {item.values.map((value, index) =>
            value === null ? null : (
              <rect
                key={categories[index]}
                data-point=""
                x={PAD.left}
                y={PAD.top + index * groupHeight + seriesIndex * BAR}
                width={Math.max(1, x(value) - PAD.left)}
                height={BAR - 2}
                fill={item.color}
              >
                <title>{`${categories[index]}, ${item.name}: ${format(value)}`}</title>
              </rect>
            ),
          )}
        </g>
      ))}
    </ChartFrame>
  );
}
