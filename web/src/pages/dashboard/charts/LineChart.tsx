import { ChartFrame, ValueAxis, valueTicks, type ChartProps } from './ChartFrame.js';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 12, right: 16, bottom: 28, left: 44 };

/**
 * Values over categories (months), one line per series, drawn as SVG. `max` fixes the top of the
 * axis (100 for percentages); otherwise it is the largest value, rounded up to a tick.
 */
export function LineChart({ max, ...chart }: ChartProps & { max?: number }) {
  const { categories, series, format } = chart;
  const { ticks } = valueTicks(series, max);
  const top = max ?? ticks.at(-1) ?? 1;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) =>
    PAD.left +
    (categories.length <= 1 ? plotWidth / 2 : (index * plotWidth) / (categories.length - 1));
  const y = (value: number) => PAD.top + plotHeight - (value / (top || 1)) * plotHeight;
  return (
    <ChartFrame {...chart} width={WIDTH} height={HEIGHT} maxHeight={260}>
      <ValueAxis
        direction="vertical"
        ticks={ticks}
        end={top}
        position={y}
        across={[PAD.left, WIDTH - PAD.right]}
        labelAt={PAD.left - 6}
        format={format}
      />
      {categories.map((category, index) => (
        <text
          key={category}
          x={x(index)}
          y={HEIGHT - 8}
          textAnchor="middle"
          fontSize={11}
          fill="var(--mantine-color-gray-7)"
        >
          {category}
        </text>
      ))}
      {series.map((item) => {
        const points = item.values.flatMap((value, index) =>
          value === null ? [] : [{ index, value }],
        );
        return (
          <g key={item.name} data-series={item.name}>
            <polyline
              points={points.map((point) => `${x(point.index)},${y(point.value)}`).join(' ')}
              fill="none"
              stroke={item.color}
              strokeWidth={2}
            />
            {points.map((point) => (
              <circle
                key={point.index}
                data-point=""
                cx={x(point.index)}
                cy={y(point.value)}
                r={3.5}
                fill={item.color}
              >
                <title>{`${item.name}, ${categories[point.index]}: ${format(point.value)}`}</title>
              </circle>
            ))}
          </g>
        );
      })}
    </ChartFrame>
  );
}
